//! Graph: corpus-wide entities, events merged across documents, edges.
//!
//! Takes every processed document ([`DocOutput`]); gives the [`Graph`]:
//! documents sorted by id, entities merged across the corpus under
//! `<type>:<slug>` ids, events merged across the documents that report them
//! under content-derived `evt:` ids. Nothing here depends on the order the
//! documents arrive in, so the graph is the same whatever the thread count.

pub mod events;
pub mod merge;

use crate::document::CleanDocument;
use crate::extract::{Amount, DateValue, EntityType, Mention, MentionValue};
use crate::span::Span;
use events::{DocEvent, Role};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One processed document, ready to be put in the graph.
#[derive(Clone, Debug)]
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

/// One document's report of an event: where it says it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Report {
    pub doc: String,
    pub sentence: Span,
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
    pub reports: Vec<Report>,
    pub sources: usize,
}

/// The whole graph, every list in output order.
pub struct Graph {
    pub documents: Vec<DocOutput>,
    pub entities: Vec<EntityNode>,
    pub events: Vec<EventNode>,
    /// Per document (same order as `documents`), the entity id of each
    /// entity mention's canonical name.
    pub entity_ids: Vec<HashMap<String, String>>,
}

/// Short content hash: the first 16 hex digits of SHA-256.
pub fn hash16(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
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

/// Builds the graph. `documents` may come in any order.
pub fn build(mut documents: Vec<DocOutput>) -> Graph {
    documents.sort_by(|a, b| a.id.cmp(&b.id));

    // 1. Canonical names, their surfaces and type votes across the corpus.
    #[derive(Default)]
    struct Name {
        votes: BTreeMap<EntityType, usize>,
        surfaces: BTreeMap<String, usize>,
    }
    let mut names: BTreeMap<String, Name> = BTreeMap::new();
    for d in &documents {
        for m in &d.mentions {
            if let MentionValue::Entity(e) = &m.value {
                let n = names.entry(e.canonical.clone()).or_default();
                *n.votes.entry(e.ty).or_default() += 1;
                *n.surfaces
                    .entry(m.span.slice(&d.clean.text).to_string())
                    .or_default() += 1;
            }
        }
    }
    // One type per name: a specific type beats MISC, then the majority.
    let type_of = |n: &Name| -> EntityType {
        let specific = n
            .votes
            .iter()
            .filter(|(t, _)| **t != EntityType::Misc)
            .max_by_key(|(t, c)| (**c, std::cmp::Reverse(type_rank(**t))));
        specific
            .or_else(|| n.votes.iter().next())
            .map(|(t, _)| *t)
            .unwrap_or(EntityType::Misc)
    };
    // 2. A name that is another name's alias elsewhere ("Altman" → "Sam
    //    Altman", "AWS" → "Amazon Web Services") merges into it, when only
    //    one name claims that alias and the types agree or one is MISC.
    let mut alias_owner: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (canonical, n) in &names {
        for s in n.surfaces.keys() {
            if s != canonical {
                alias_owner
                    .entry(s.as_str())
                    .or_default()
                    .insert(canonical.as_str());
            }
        }
    }
    let mut merged_into: HashMap<String, String> = HashMap::new();
    for (canonical, n) in &names {
        if let Some(owners) = alias_owner.get(canonical.as_str()) {
            if owners.len() == 1 {
                let owner = *owners.iter().next().unwrap_or(&"");
                let (a, b) = (type_of(n), type_of(&names[owner]));
                if a == b || a == EntityType::Misc {
                    merged_into.insert(canonical.clone(), owner.to_string());
                }
            }
        }
    }
    let resolve =
        |c: &str| -> String { merged_into.get(c).cloned().unwrap_or_else(|| c.to_string()) };
    // 3. Nodes by id; names whose slugs collide are one node.
    #[derive(Default)]
    struct Node {
        names: BTreeMap<String, usize>,
        surfaces: BTreeSet<String>,
        mentions: usize,
        documents: BTreeSet<usize>,
    }
    let mut id_of_name: HashMap<String, String> = HashMap::new();
    for canonical in names.keys() {
        let target = resolve(canonical);
        let ty = type_of(&names[&target]);
        id_of_name.insert(canonical.clone(), entity_id(ty, &target));
    }
    let mut nodes: BTreeMap<String, (EntityType, Node)> = BTreeMap::new();
    let mut entity_ids = Vec::with_capacity(documents.len());
    for (di, d) in documents.iter().enumerate() {
        let mut ids = HashMap::new();
        for m in &d.mentions {
            if let MentionValue::Entity(e) = &m.value {
                let id = id_of_name
                    .get(&e.canonical)
                    .cloned()
                    .unwrap_or_else(|| entity_id(e.ty, &e.canonical));
                let target = resolve(&e.canonical);
                let ty = type_of(&names[&target]);
                let node = &mut nodes
                    .entry(id.clone())
                    .or_insert_with(|| (ty, Node::default()))
                    .1;
                *node.names.entry(target).or_default() += 1;
                node.surfaces
                    .insert(m.span.slice(&d.clean.text).to_string());
                node.mentions += 1;
                node.documents.insert(di);
                ids.insert(e.canonical.clone(), id);
            }
        }
        entity_ids.push(ids);
    }
    let entities: Vec<EntityNode> = nodes
        .into_iter()
        .map(|(id, (ty, node))| {
            let name = node
                .names
                .iter()
                .max_by_key(|(n, c)| (**c, std::cmp::Reverse((*n).clone())))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            let mut aliases: BTreeSet<String> = node.surfaces;
            aliases.extend(node.names.into_keys());
            aliases.remove(&name);
            EntityNode {
                id,
                ty,
                name,
                aliases: aliases.into_iter().collect(),
                mentions: node.mentions,
                documents: node.documents.len(),
            }
        })
        .collect();

    // 4. Events merged across the documents that report them.
    let events = merge::merge(&documents, &entity_ids);
    Graph {
        documents,
        entities,
        events,
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
        let mut h: u64 = 0xcbf29ce484222325;
        for b in name.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        out = format!("u{h:016x}");
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
}
