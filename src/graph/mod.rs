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

/// Short content hash: the first 16 hex digits of SHA-256.
pub fn hash16(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    crate::hex(&digest[..8])
}

/// The id of the document with this `source`.
pub fn document_id(source: &str) -> String {
    format!("doc:{}", hash16(source))
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

/// One type per name: a specific type beats MISC, then the majority.
fn type_of(n: &Name) -> EntityType {
    let specific = n
        .votes
        .iter()
        .filter(|(t, _)| **t != EntityType::Misc)
        .max_by_key(|(t, c)| (**c, std::cmp::Reverse(type_rank(**t))));
    specific
        .or_else(|| n.votes.iter().next())
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

    /// Decides the corpus id of every name. A name that is another name's
    /// alias elsewhere ("Altman" → "Sam Altman", "AWS" → "Amazon Web
    /// Services") merges into it, when only one name claims that alias and
    /// the types agree or one is MISC.
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
        let mut merged_into: FxHashMap<&str, &str> = FxHashMap::default();
        for (canonical, n) in &names {
            if let Some(owners) = alias_owner.get(canonical.as_str()) {
                if let (1, Some(owner)) = (owners.len(), owners.iter().next()) {
                    let (a, b) = (type_of(n), type_of(&names[*owner]));
                    if a == b || a == EntityType::Misc {
                        merged_into.insert(canonical.as_str(), owner);
                    }
                }
            }
        }
        let mut resolved = FxHashMap::with_capacity_and_hasher(names.len(), Default::default());
        for canonical in names.keys() {
            let target = merged_into
                .get(canonical.as_str())
                .copied()
                .unwrap_or(canonical.as_str());
            let ty = type_of(&names[target]);
            resolved.insert(
                canonical.clone(),
                Resolved {
                    id: entity_id(ty, target),
                    target: target.to_string(),
                    ty,
                },
            );
        }
        EntityResolver { resolved }
    }
}

struct Resolved {
    id: String,
    /// The canonical name this one merged into (itself if none).
    target: String,
    ty: EntityType,
}

/// The corpus id of every canonical name, decided by [`NameStats::resolve`].
pub struct EntityResolver {
    resolved: FxHashMap<String, Resolved>,
}

impl EntityResolver {
    /// The corpus id of an entity mention.
    pub fn id(&self, e: &EntityMention) -> String {
        self.resolved
            .get(&e.canonical)
            .map(|r| r.id.clone())
            .unwrap_or_else(|| entity_id(e.ty, &e.canonical))
    }

    /// Per canonical name of `d`, its corpus id.
    pub fn ids(&self, d: &DocOutput) -> FxHashMap<String, String> {
        let mut ids = FxHashMap::default();
        for m in &d.mentions {
            if let MentionValue::Entity(e) = &m.value {
                if !ids.contains_key(&e.canonical) {
                    ids.insert(e.canonical.clone(), self.id(e));
                }
            }
        }
        ids
    }
}

#[derive(Default)]
struct Node {
    names: FxHashMap<String, usize>,
    surfaces: FxHashSet<String>,
    mentions: usize,
    documents: usize,
}

/// Second corpus pass over the entities: nodes by id, with their names,
/// aliases and counts. Names whose slugs collide are one node.
///
/// Unordered while collecting (one hash lookup per mention instead of
/// string comparisons down a tree); [`EntityNodes::finish`] sorts once.
#[derive(Default)]
pub struct EntityNodes {
    nodes: FxHashMap<String, (EntityType, Node)>,
}

impl EntityNodes {
    pub fn add(&mut self, d: &DocOutput, resolver: &EntityResolver) {
        let mut in_this_document: FxHashSet<Cow<'_, str>> = FxHashSet::default();
        for m in &d.mentions {
            if let MentionValue::Entity(e) = &m.value {
                let (id, target, ty): (Cow<'_, str>, &str, EntityType) =
                    match resolver.resolved.get(e.canonical.as_str()) {
                        Some(r) => (Cow::Borrowed(r.id.as_str()), r.target.as_str(), r.ty),
                        None => (
                            Cow::Owned(entity_id(e.ty, &e.canonical)),
                            e.canonical.as_str(),
                            e.ty,
                        ),
                    };
                let node = match self.nodes.get_mut(id.as_ref()) {
                    Some((_, node)) => node,
                    None => {
                        &mut self
                            .nodes
                            .entry(id.to_string())
                            .or_insert_with(|| (ty, Node::default()))
                            .1
                    }
                };
                match node.names.get_mut(target) {
                    Some(n) => *n += 1,
                    None => {
                        node.names.insert(target.to_string(), 1);
                    }
                }
                let surface = m.span.slice(&d.clean.text);
                if !node.surfaces.contains(surface) {
                    node.surfaces.insert(surface.to_string());
                }
                node.mentions += 1;
                if !in_this_document.contains(id.as_ref()) {
                    node.documents += 1;
                    in_this_document.insert(id);
                }
            }
        }
    }

    /// The nodes in id order, each with its most frequent name (ties to the
    /// smallest) and its other names and surfaces, sorted, as aliases.
    pub fn finish(self) -> Vec<EntityNode> {
        let mut nodes: Vec<(String, (EntityType, Node))> = self.nodes.into_iter().collect();
        nodes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        nodes
            .into_iter()
            .map(|(id, (ty, node))| {
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
                    id,
                    ty,
                    name,
                    aliases: aliases.into_iter().collect(),
                    mentions: node.mentions,
                    documents: node.documents,
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
        nodes.add(d, &resolver);
        grouped.push(reports.add(d, dup.as_deref()));
        entity_ids.push(resolver.ids(d));
    }
    let merged = reports.merge(&resolver);
    Graph {
        reports: grouped.iter().map(|g| merged.reports(g)).collect(),
        events: merged.events,
        entities: nodes.finish(),
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
    format!("{}:{}", ty.id_prefix(), slug(canonical))
}

#[cfg(test)]
mod tests {
    use super::*;

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
