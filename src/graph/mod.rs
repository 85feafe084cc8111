//! Graph: corpus-wide entities, events merged across documents, edges.
//!
//! Takes every processed document ([`DocOutput`]); gives the [`Graph`]:
//! documents sorted by id, entities merged across the corpus under
//! `<type>:<slug>` ids, events merged across the documents that report them
//! under content-derived `evt:` ids. Nothing here depends on the order the
//! documents arrive in, so the graph is the same whatever the thread count.

pub mod duplicates;
pub mod events;
pub mod merge;

use crate::document::CleanDocument;
use crate::extract::{Amount, DateValue, EntityMention, EntityType, Mention, MentionValue};
use crate::span::Span;
use events::{DocEvent, Role};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// One processed document, ready to be put in the graph.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DocOutput {
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub clean: CleanDocument,
    /// Sorted by [`crate::extract::sort_mentions`].
    pub mentions: Vec<Mention>,
    pub events: Vec<DocEvent>,
}

/// A canonical entity of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityNode {
    pub id: String,
    pub ty: EntityType,
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub documents: usize,
}

/// A canonical event, merged across the documents that report it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventNode {
    pub id: String,
    pub event_type: String,
    pub trigger: String,
    pub date: DateValue,
    pub amounts: Vec<(&'static str, Amount)>,
    /// The sentence of the first report (by document id).
    pub sentence: String,
    pub participants: Vec<(String, Role)>,
    pub sources: usize,
}

/// The whole graph, every list in output order.
pub struct Graph {
    pub documents: Vec<DocOutput>,
    pub entities: Vec<EntityNode>,
    pub events: Vec<EventNode>,
    /// Per document (same order as `documents`), the document it is a copy of.
    pub duplicate_of: Vec<Option<String>>,
    /// Per document (same order as `documents`), the entity id of each
    /// entity mention's canonical name.
    pub entity_ids: Vec<FxHashMap<String, String>>,
    /// Per document (same order as `documents`), the events it reports:
    /// event id and sentence.
    pub reports: Vec<Vec<(String, Span)>>,
}

/// The type and canonical name of each entity mention of `d`, in order.
fn entities_of(d: &DocOutput) -> impl Iterator<Item = (EntityType, &str)> {
    d.mentions.iter().filter_map(|m| match &m.value {
        MentionValue::Entity(e) => Some((e.ty, e.canonical.as_str())),
        _ => None,
    })
}

/// Short content hash: the first 16 hex digits of SHA-256.
pub fn hash16(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    crate::hex(&digest[..8])
}

/// The id of the document with this `source`.
pub fn document_id(source: &str) -> String {
    let mut id = String::with_capacity(20);
    id.push_str("doc:");
    id.push_str(&hash16(source));
    id
}

fn type_rank(t: EntityType) -> u8 {
    match t {
        EntityType::Org => 0,
        EntityType::Person => 1,
        EntityType::Loc => 2,
        EntityType::Misc => 3,
    }
}

#[derive(Default)]
struct Name {
    votes: BTreeMap<EntityType, usize>,
    /// Every surface form the name was written as.
    surfaces: FxHashSet<String>,
}

impl Name {
    /// How often the name was mentioned (one vote per mention).
    fn mentions(&self) -> usize {
        self.votes.values().sum()
    }
}

/// One type per name: the majority of its mentions' types; on a tie a
/// specific type beats MISC, then ORG, PERSON, LOC in that order. (MISC
/// used to beat nothing: two ORG guesses made "British", tagged MISC 1,637
/// times on 30 MB of news, the organisation `org:british`.)
fn type_of(n: &Name) -> EntityType {
    n.votes
        .iter()
        .max_by_key(|(t, c)| {
            (
                **c,
                **t != EntityType::Misc,
                std::cmp::Reverse(type_rank(**t)),
            )
        })
        .map(|(t, _)| *t)
        .unwrap_or(EntityType::Misc)
}

/// First corpus pass over the entities: every canonical name with its type
/// votes and surface forms. Grows with distinct names, not with documents.
///
/// Hash maps with the Fx hasher (`rustc-hash`): one lookup per entity
/// mention, where std's SipHash and the string comparisons of a B-tree
/// both showed in profiles. Nothing here is iterated in an order that
/// reaches the output, see [`NameStats::resolve`].
#[derive(Default)]
pub struct NameStats {
    names: FxHashMap<String, Name>,
}

impl NameStats {
    pub fn observe(&mut self, d: &DocOutput) {
        for m in &d.mentions {
            if let MentionValue::Entity(e) = &m.value {
                // Look up before inserting: most names and surfaces are
                // already known, and a lookup by `&str` allocates nothing.
                let n = match self.names.get_mut(e.canonical.as_str()) {
                    Some(n) => n,
                    None => self.names.entry(e.canonical.clone()).or_default(),
                };
                *n.votes.entry(e.ty).or_default() += 1;
                let surface = m.span.slice(&d.clean.text);
                if !n.surfaces.contains(surface) {
                    n.surfaces.insert(surface.to_string());
                }
            }
        }
    }

    /// Adds what `other` observed: the same as observing its documents
    /// here, in any order (type votes add up, surface sets unite), so
    /// documents may be observed in shards and the shards merged.
    pub fn merge(&mut self, other: NameStats) {
        for (name, theirs) in other.names {
            match self.names.get_mut(name.as_str()) {
                None => {
                    self.names.insert(name, theirs);
                }
                Some(ours) => {
                    for (ty, votes) in theirs.votes {
                        *ours.votes.entry(ty).or_default() += votes;
                    }
                    ours.surfaces.extend(theirs.surfaces);
                }
            }
        }
    }

    /// Decides the corpus id of every name. A name that is another name's
    /// alias elsewhere ("Altman" → "Sam Altman", "AWS" → "Amazon Web
    /// Services") merges into it, when only one name claims that alias and
    /// the types agree or one is MISC. A person's one-word name that no
    /// name claims as an alias merges into the one full personal name of
    /// the corpus that ends with it, if there is exactly one ("Altman"
    /// written alone in one article, "Sam Altman" in another).
    /// Every decision is per name and depends only on the sets collected,
    /// never on iteration order, so the maps may be unordered.
    pub fn resolve(self) -> EntityResolver {
        let names = self.names;
        let mut alias_owner: FxHashMap<&str, BTreeSet<&str>> = FxHashMap::default();
        for (canonical, n) in &names {
            for s in &n.surfaces {
                if s != canonical {
                    alias_owner
                        .entry(s.as_str())
                        .or_default()
                        .insert(canonical.as_str());
                }
            }
        }
        // Each full personal name ("Sam Altman", "Martin T. Sosnoff": a
        // given name first, two or three words) by its surname, so that
        // "Altman" alone in one article and "Sam Altman" in another are one
        // person when the corpus knows one person of that surname. The
        // given name keeps out the names the tagger extended with a title
        // or a role ("Commerce Malcolm Baldrige") and the companies it took
        // for people ("Alfa Romeo", "Con Edison").
        let mut surname_owner: FxHashMap<&str, BTreeSet<&str>> = FxHashMap::default();
        for (canonical, n) in &names {
            if type_of(n) != EntityType::Person {
                continue;
            }
            let words: Vec<&str> = canonical.split(' ').collect();
            if let ([given, .., surname], 2..=3) = (words.as_slice(), words.len()) {
                if crate::extract::entities::is_given_name(given) {
                    surname_owner
                        .entry(surname)
                        .or_default()
                        .insert(canonical.as_str());
                }
            }
        }
        let mut merged_into: FxHashMap<&str, &str> = FxHashMap::default();
        for (canonical, n) in &names {
            let ty = type_of(n);
            if let Some(owners) = alias_owner.get(canonical.as_str()) {
                if let (1, Some(owner)) = (owners.len(), owners.iter().next()) {
                    let b = type_of(&names[*owner]);
                    if ty == b || ty == EntityType::Misc {
                        merged_into.insert(canonical.as_str(), owner);
                    }
                }
            } else if ty == EntityType::Person
                && !canonical.contains(' ')
                && !crate::extract::entities::is_given_name(canonical)
            {
                // A surname alone merges only into the one full name that
                // ends with it: with two ("Donald Trump", "Melania Trump")
                // it stays a name of its own rather than pick one. A given
                // name alone ("Sam") is not taken for a surname.
                // Nor does one written alone more often than the full name
                // is: that is someone or something else ("Sachs" of Goldman
                // Sachs, 84 times, against "Howard F. Sachs").
                if let Some(owners) = surname_owner.get(canonical.as_str()) {
                    if let (1, Some(owner)) = (owners.len(), owners.iter().next()) {
                        if n.mentions() <= names[*owner].mentions() {
                            merged_into.insert(canonical.as_str(), owner);
                        }
                    }
                }
            }
        }
        // Per name: the name it merged into, its type and its corpus id.
        // Each name is planned alone and slugging is most of the work, so
        // inside a pool (the corpus stage's) the names are planned in
        // parallel; they go into a map either way, so the order of the work
        // changes nothing.
        let plan_one = |canonical: &String| {
            let target = merged_into
                .get(canonical.as_str())
                .copied()
                .unwrap_or(canonical.as_str());
            let ty = type_of(&names[target]);
            (
                canonical.clone(),
                (target.to_string(), ty, entity_id(ty, target)),
            )
        };
        let keys: Vec<&String> = names.keys().collect();
        let planned: Vec<(String, (String, EntityType, String))> =
            match rayon::current_thread_index() {
                Some(_) => keys.par_iter().map(|c| plan_one(c)).collect(),
                None => keys.iter().map(|c| plan_one(c)).collect(),
            };
        let mut plan: FxHashMap<String, (String, EntityType, String)> =
            FxHashMap::with_capacity_and_hasher(names.len(), Default::default());
        plan.extend(planned);
        drop(merged_into);
        drop(alias_owner);
        drop(surname_owner);
        // The nodes' names, surfaces and mention counts follow from the
        // names alone: the second pass reads the very documents the first
        // observed, so every mention of a name counts for the node the name
        // resolves to. Only the document counts need that pass.
        let mut resolved = FxHashMap::with_capacity_and_hasher(names.len(), Default::default());
        let mut node_of: FxHashMap<String, u32> = FxHashMap::default();
        let mut nodes: Vec<NodeTotals> = Vec::new();
        for (canonical, n) in names {
            let Some((target, ty, id)) = plan.remove(&canonical) else {
                continue; // not reached: the plan has every name
            };
            let node = match node_of.get(&id) {
                Some(&node) => node,
                None => {
                    let node = nodes.len() as u32;
                    node_of.insert(id.clone(), node);
                    // Names whose slugs collide are one node; the type is
                    // the id's prefix, so they agree on it too.
                    nodes.push(NodeTotals {
                        id,
                        ty,
                        names: FxHashMap::default(),
                        surfaces: FxHashSet::default(),
                        mentions: 0,
                    });
                    node
                }
            };
            let count = n.mentions();
            let totals = &mut nodes[node as usize];
            totals.mentions += count;
            *totals.names.entry(target).or_default() += count;
            totals.surfaces.extend(n.surfaces);
            resolved.insert(canonical, Resolved { node });
        }
        EntityResolver { resolved, nodes }
    }
}

struct Resolved {
    /// The name's node in [`EntityResolver::nodes`].
    node: u32,
}

/// One entity node as far as the first pass decides it: everything but
/// the count of documents.
struct NodeTotals {
    id: String,
    ty: EntityType,
    /// Each canonical name merged into the node, with its mentions.
    names: FxHashMap<String, usize>,
    surfaces: FxHashSet<String>,
    mentions: usize,
}

/// The corpus id of every canonical name, decided by [`NameStats::resolve`],
/// and the entity nodes the names make up.
pub struct EntityResolver {
    resolved: FxHashMap<String, Resolved>,
    nodes: Vec<NodeTotals>,
}

impl EntityResolver {
    /// The corpus id of an entity mention.
    pub fn id(&self, e: &EntityMention) -> String {
        match self.node_id(&e.canonical) {
            Some(id) => id.to_string(),
            None => entity_id(e.ty, &e.canonical),
        }
    }

    /// The corpus id of a canonical name the first pass observed.
    fn node_id(&self, canonical: &str) -> Option<&str> {
        let r = self.resolved.get(canonical)?;
        self.nodes.get(r.node as usize).map(|n| n.id.as_str())
    }
}

/// Second corpus pass over the entities: in how many documents each node
/// is mentioned. The rest of a node is known from the first pass
/// ([`NameStats::resolve`]); here one hash lookup per mention finds its
/// node's number, where strings were once hashed four times per mention
/// (name, id, target name, surface) to rebuild what the first pass knew.
#[derive(Default)]
pub struct EntityNodes {
    /// Per node, the documents that mention it.
    documents: Vec<usize>,
}

/// What the second pass needs of one document's entity mentions, found
/// with one look-up per distinct canonical name ([`EntityResolver::links_of`]).
#[derive(Debug)]
pub struct EntityLinks<'a> {
    /// Per canonical name, its corpus id (borrowed from the document and
    /// the resolver, so nothing is copied per document). A name the first
    /// pass did not observe gets the id of its own type and name.
    pub ids: FxHashMap<&'a str, Cow<'a, str>>,
    /// The nodes the document mentions, sorted, each once: what
    /// [`EntityNodes`] counts of it.
    pub nodes: Vec<u32>,
}

impl EntityResolver {
    /// The links of a document's entity mentions (type and canonical name),
    /// of which there are at most `mentions`: the same for a document held
    /// in memory and one viewed in its spilled bytes. It depends on the
    /// document and the resolver alone, so the corpus stage looks it up
    /// where documents are rendered, in parallel.
    pub fn links_of<'a>(
        &'a self,
        mentions: usize,
        entities: impl Iterator<Item = (EntityType, &'a str)>,
    ) -> EntityLinks<'a> {
        // Sized for every mention up front (a bound on the names): grown
        // from empty, the map was rehashed several times per document.
        let mut ids = FxHashMap::with_capacity_and_hasher(mentions, Default::default());
        let mut nodes = Vec::new();
        for (ty, canonical) in entities {
            ids.entry(canonical).or_insert_with(|| {
                let node = self.resolved.get(canonical).map(|r| r.node);
                nodes.extend(node);
                match node.and_then(|n| self.nodes.get(n as usize)) {
                    Some(n) => Cow::Borrowed(n.id.as_str()),
                    None => Cow::Owned(entity_id(ty, canonical)),
                }
            });
        }
        // Names merged into one node share it.
        nodes.sort_unstable();
        nodes.dedup();
        EntityLinks { ids, nodes }
    }
}

impl EntityNodes {
    /// Counts one document that mentions `nodes` ([`EntityLinks::nodes`]).
    pub fn add_nodes(&mut self, nodes: &[u32], resolver: &EntityResolver) {
        if self.documents.len() < resolver.nodes.len() {
            self.documents.resize(resolver.nodes.len(), 0);
        }
        for &node in nodes {
            if let Some(n) = self.documents.get_mut(node as usize) {
                *n += 1;
            }
        }
    }

    /// The nodes in id order, each with its most frequent name (ties to the
    /// smallest) and its other names and surfaces, sorted, as aliases.
    pub fn finish(self, resolver: EntityResolver) -> Vec<EntityNode> {
        let mut nodes: Vec<(NodeTotals, usize)> = resolver
            .nodes
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n, self.documents.get(i).copied().unwrap_or(0)))
            .collect();
        nodes.sort_unstable_by(|a, b| a.0.id.cmp(&b.0.id));
        nodes
            .into_iter()
            .map(|(node, documents)| {
                let name = node
                    .names
                    .iter()
                    .max_by_key(|(n, c)| (**c, std::cmp::Reverse((*n).clone())))
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default();
                let mut aliases: BTreeSet<String> = node.surfaces.into_iter().collect();
                aliases.extend(node.names.into_keys());
                aliases.remove(&name);
                EntityNode {
                    id: node.id,
                    ty: node.ty,
                    name,
                    aliases: aliases.into_iter().collect(),
                    mentions: node.mentions,
                    documents,
                }
            })
            .collect()
    }
}

/// Builds the whole graph in memory from `documents` (any order): the
/// corpus passes of the streaming pipeline run over a vector. For tests and
/// small embedded uses; `run` streams instead.
pub fn build(mut documents: Vec<DocOutput>) -> Graph {
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    let mut names = NameStats::default();
    let mut dups = duplicates::DuplicateIndex::default();
    let mut duplicate_of = Vec::with_capacity(documents.len());
    for d in &documents {
        names.observe(d);
        duplicate_of.push(dups.add(&d.id, &duplicates::Sketch::of(&d.clean.text)));
    }
    let resolver = names.resolve();
    let mut nodes = EntityNodes::default();
    let mut reports = merge::EventReports::default();
    let mut entity_ids = Vec::with_capacity(documents.len());
    let mut grouped = Vec::with_capacity(documents.len());
    for (d, dup) in documents.iter().zip(&duplicate_of) {
        let links = resolver.links_of(d.mentions.len(), entities_of(d));
        nodes.add_nodes(&links.nodes, &resolver);
        grouped.push(reports.add(d, dup.as_deref()));
        entity_ids.push(
            links
                .ids
                .into_iter()
                .map(|(name, id)| (name.to_string(), id.into_owned()))
                .collect(),
        );
    }
    let merged = reports.merge(&resolver);
    Graph {
        reports: grouped.iter().map(|g| merged.reports(g)).collect(),
        events: merged.events,
        entities: nodes.finish(resolver),
        documents,
        duplicate_of,
        entity_ids,
    }
}

/// The slug of a canonical name: lower-case ASCII words joined by `-`
/// ("Amazon Web Services" → `amazon-web-services`, "Société Générale" →
/// `societe-generale`). Letters outside ASCII are folded where a plain
/// form exists and dropped otherwise.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        // ASCII, nearly every character of a name, decides here: a letter
        // or digit is kept lower-cased, anything else separates (or joins:
        // apostrophe, full stop), exactly as the fold table would decide,
        // without its search and the lower-casing of a separator.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(c.to_ascii_lowercase());
            } else if !matches!(c, '\'' | '.') {
                pending_dash = true;
            }
            continue;
        }
        let folded = fold_ascii(c);
        match folded {
            Some(s) if s.chars().all(|c| c.is_ascii_alphanumeric()) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                for f in s.chars() {
                    out.push(f.to_ascii_lowercase());
                }
            }
            _ => {
                // Apostrophes join ("McDonald's" → mcdonalds); everything else separates.
                if !matches!(c, '\'' | '’' | '.') {
                    pending_dash = true;
                }
            }
        }
    }
    if out.is_empty() {
        // A name with no ASCII letters at all still needs a stable id.
        out = format!("u{:016x}", crate::hash::fnv1a(name.as_bytes()));
    }
    out
}

fn fold_ascii(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåā", "a"),
        ("æ", "ae"),
        ("çćč", "c"),
        ("ďđ", "d"),
        ("èéêëēėę", "e"),
        ("ìíîïī", "i"),
        ("ñńň", "n"),
        ("òóôõöøō", "o"),
        ("œ", "oe"),
        ("ßśšş", "s"),
        ("ţť", "t"),
        ("ùúûüū", "u"),
        ("ýÿ", "y"),
        ("źżž", "z"),
        ("ł", "l"),
        ("ř", "r"),
        ("ğ", "g"),
    ];
    if c.is_ascii_alphanumeric() {
        // Index into a static table of single ASCII chars.
        const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let i = ASCII.find(c)?;
        return ASCII.get(i..i + 1);
    }
    let lower: Vec<char> = c.to_lowercase().collect();
    let l = *lower.first()?;
    TABLE
        .iter()
        .find(|(from, _)| from.contains(l))
        .map(|(_, to)| *to)
}

/// The corpus id of an entity: `<type>:<slug>`.
pub fn entity_id(ty: EntityType, canonical: &str) -> String {
    // `format!("{prefix}:{slug}")` without the formatting machinery: once
    // per distinct name of the corpus, and per unresolved name of each
    // document in the second pass.
    let (prefix, slug) = (ty.id_prefix(), slug(canonical));
    let mut id = String::with_capacity(prefix.len() + 1 + slug.len());
    id.push_str(prefix);
    id.push(':');
    id.push_str(&slug);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_takes_the_majority_type_and_ties_go_to_a_specific_one() {
        let name = |votes: &[(EntityType, usize)]| Name {
            votes: votes.iter().copied().collect(),
            surfaces: Default::default(),
        };
        use EntityType::*;
        assert_eq!(type_of(&name(&[(Misc, 1637), (Org, 2)])), Misc);
        assert_eq!(type_of(&name(&[(Misc, 2), (Org, 3)])), Org);
        assert_eq!(type_of(&name(&[(Misc, 4), (Loc, 4)])), Loc);
        assert_eq!(type_of(&name(&[(Person, 5), (Org, 5), (Loc, 1)])), Org);
        assert_eq!(type_of(&name(&[(Person, 6), (Org, 5)])), Person);
        assert_eq!(type_of(&name(&[])), Misc);
    }

    /// Each text as a plain-text document, through the per-document
    /// pipeline (publication date 2026-05-01).
    fn processed<const N: usize>(texts: [&str; N]) -> [DocOutput; N] {
        let res = crate::config::Resources::builtin();
        let dct = crate::document::Dct::parse("2026-05-01").ok();
        let mut i = 0;
        texts.map(|t| {
            i += 1;
            let raw = crate::document::RawDocument {
                source: format!("d{i}.txt"),
                format: crate::document::InputFormat::Text,
                text: t.to_string(),
                meta: Default::default(),
            };
            crate::pipeline::process_document(&res, &raw, dct.as_ref()).unwrap()
        })
    }

    /// One look-up per name gives each name its corpus id and the document
    /// its nodes; a name the first pass never saw gets the id of its own
    /// type and name and no node.
    #[test]
    fn links_give_ids_and_nodes() {
        let [full, short] = processed([
            "Amazon Web Services (AWS) said on Monday it would invest $10 billion \
             in Ohio. Amazon Web Services declined to say more.",
            "Shares rose after AWS said on Tuesday that Microsoft would follow.",
        ]);
        let id = |l: &EntityLinks, name: &str| l.ids.get(name).map(|c| c.to_string());

        let mut names = NameStats::default();
        names.observe(&full);
        let resolver = names.resolve();
        let links = resolver.links_of(full.mentions.len(), entities_of(&full));
        assert_eq!(
            id(&links, "Amazon Web Services").as_deref(),
            Some("org:amazon-web-services")
        );
        assert_eq!(id(&links, "Ohio").as_deref(), Some("loc:ohio"));
        // One node per distinct name, sorted, though the company is
        // mentioned three times.
        assert_eq!(links.nodes.len(), 2, "{links:?}");
        assert!(links.nodes[0] < links.nodes[1], "{links:?}");
        // "AWS" is the gazetteer's name for the company the first pass saw;
        // "Microsoft" it never saw.
        let partly = resolver.links_of(short.mentions.len(), entities_of(&short));
        assert_eq!(
            id(&partly, "Amazon Web Services").as_deref(),
            Some("org:amazon-web-services")
        );
        assert_eq!(id(&partly, "Microsoft").as_deref(), Some("org:microsoft"));
        assert_eq!(partly.ids.len(), 2, "{partly:?}");
        assert_eq!(partly.nodes.len(), 1, "{partly:?}");
        assert!(links.nodes.contains(&partly.nodes[0]));
    }

    /// A surname written alone in one article is the person another
    /// article names in full, unless the corpus has two such people.
    #[test]
    fn a_surname_alone_joins_the_one_full_name_ending_with_it() {
        let person_ids = |g: &Graph| -> Vec<(String, Vec<String>)> {
            g.entities
                .iter()
                .filter(|e| e.ty == EntityType::Person)
                .map(|e| (e.id.clone(), e.aliases.clone()))
                .collect()
        };
        let full =
            "OpenAI chief executive Sam Altman said on Monday the company would raise $10 billion.";
        let short = "Investors cheered after Altman said on Tuesday that revenue doubled.";
        let g = build(processed([full, short]).into());
        assert_eq!(
            person_ids(&g),
            [("person:sam-altman".to_string(), vec!["Altman".to_string()])]
        );
        let other = "Film director Robert Altman said on Friday that he would retire.";
        let g = build(processed([full, short, other]).into());
        let ids: Vec<String> = person_ids(&g).into_iter().map(|(id, _)| id).collect();
        assert_eq!(
            ids,
            ["person:altman", "person:robert-altman", "person:sam-altman"]
        );
    }

    #[test]
    fn ids_are_their_formats() {
        assert_eq!(
            entity_id(EntityType::Org, "Amazon Web Services"),
            "org:amazon-web-services"
        );
        assert_eq!(
            entity_id(EntityType::Person, "Sam Altman"),
            "person:sam-altman"
        );
        let src = "news.jsonl#12";
        assert_eq!(document_id(src), format!("doc:{}", hash16(src)));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Amazon Web Services"), "amazon-web-services");
        assert_eq!(slug("Sam Altman"), "sam-altman");
        assert_eq!(slug("Société Générale"), "societe-generale");
        assert_eq!(slug("McDonald's"), "mcdonalds");
        assert_eq!(slug("AT&T"), "at-t");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("GPT-3"), "gpt-3");
        assert!(slug("北京").starts_with('u'));
    }

    /// The ASCII shortcut of `slug` decides as the fold table does.
    #[test]
    fn ascii_slugs_follow_the_fold_table() {
        for b in 0u8..0x80 {
            let c = b as char;
            let name = format!("Ab{c}Cd");
            let kept = fold_ascii(c).is_some_and(|s| s.chars().all(|f| f.is_ascii_alphanumeric()));
            let want = if kept {
                format!("ab{}cd", c.to_ascii_lowercase())
            } else if matches!(c, '\'' | '.') {
                "abcd".to_string()
            } else {
                "ab-cd".to_string()
            };
            assert_eq!(slug(&name), want, "{c:?}");
        }
    }
}
