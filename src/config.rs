//! Compiled-in data and the user's `--config` additions, turned into ready
//! taggers once per run.
//!
//! A config file is TOML:
//!
//! ```toml
//! [clean]
//! boilerplate = ["^Sponsored by .*$"]    # whole-line regexes, case-insensitive
//! trailers = ["More from our partners"]   # section headings after which all is furniture
//! comment_marks = ["Antworten"]          # comment-thread controls that stamp an entry
//!
//! gazetteers = ["my-entities.tsv"]        # TYPE<TAB>name<TAB>alias|alias, relative to this file
//!
//! [[entity]]
//! type = "ORG"
//! name = "Amazon Web Services"
//! aliases = ["AWS"]
//!
//! [[trigger]]
//! type = "acquisition"
//! lemma = "snap up"
//! forms = ["snap up", "snaps up", "snapped up"]
//! ```

use crate::clean::{Cleaner, CleanerConfig};
use crate::error::{Error, Result};
use crate::extract::entities::{parse_gazetteer, EntityTagger, GazetteerEntry};
use crate::extract::{dates::DateTagger, money::AmountTagger, EntityType};
use crate::graph::events::{EventLexicon, Trigger};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    clean: CleanSection,
    #[serde(default)]
    gazetteers: Vec<String>,
    #[serde(default)]
    entity: Vec<EntityEntry>,
    #[serde(default)]
    trigger: Vec<TriggerEntry>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CleanSection {
    #[serde(default)]
    boilerplate: Vec<String>,
    #[serde(default)]
    trailers: Vec<String>,
    #[serde(default)]
    comment_marks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityEntry {
    #[serde(rename = "type")]
    ty: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerEntry {
    #[serde(rename = "type")]
    ty: String,
    lemma: String,
    forms: Vec<String>,
}

/// The user's additions to the built-in data.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub cleaner: CleanerConfig,
    pub entities: Vec<GazetteerEntry>,
    pub triggers: Vec<Trigger>,
    /// Every byte the config was read from, for the config hash.
    fingerprint: Vec<u8>,
}

impl Config {
    /// Reads a config file (and the gazetteers it names).
    pub fn load(path: &Path) -> Result<Config> {
        let bad = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| Error::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        let text = std::str::from_utf8(&bytes).map_err(|e| bad(e.to_string()))?;
        let file: ConfigFile = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        let mut fingerprint = bytes.clone();
        let mut entities = Vec::new();
        let base = path.parent().unwrap_or(Path::new("."));
        for g in &file.gazetteers {
            let gp = base.join(g);
            let src = std::fs::read_to_string(&gp).map_err(|e| Error::Read {
                path: gp.clone(),
                source: e,
            })?;
            fingerprint.extend_from_slice(src.as_bytes());
            entities.extend(parse_gazetteer(&src, &gp.display().to_string())?);
        }
        for e in file.entity {
            let ty = EntityType::parse(&e.ty).ok_or_else(|| {
                bad(format!(
                    "entity {:?}: type must be PERSON, ORG, LOC or MISC",
                    e.name
                ))
            })?;
            entities.push(GazetteerEntry {
                ty,
                name: e.name,
                aliases: e.aliases,
            });
        }
        let triggers = file
            .trigger
            .into_iter()
            .map(|t| Trigger {
                event_type: t.ty,
                lemma: t.lemma,
                forms: t.forms,
            })
            .collect();
        Ok(Config {
            cleaner: CleanerConfig {
                boilerplate: file.clean.boilerplate,
                trailers: file.clean.trailers,
                comment_marks: file.clean.comment_marks,
            },
            entities,
            triggers,
            fingerprint,
        })
    }

    /// `sha256:<hex>` over the built-in data files and the user's config:
    /// two runs with the same hash used the same rules.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        for data in crate::BUILTIN_DATA {
            h.update(data.as_bytes());
        }
        h.update(&self.fingerprint);
        format!("sha256:{}", crate::hex(&h.finalize()))
    }
}

/// Everything a worker thread needs to process a document, built once.
pub struct Resources {
    pub cleaner: Cleaner,
    pub dates: DateTagger,
    pub amounts: AmountTagger,
    pub entities: EntityTagger,
    pub events: EventLexicon,
    /// The corpus's site-wide lines (empty until a first pass or a table
    /// file fills it).
    pub sitewide: crate::clean::sitewide::SitewideTable,
}

impl Resources {
    /// Builds the taggers. Called in a rayon pool (as `run` does), the
    /// entity tagger, most of the work, is built beside the others, which
    /// shortens a serial start-up when the pool has two threads; outside a
    /// pool, one after the other, so that no global pool is started for it.
    /// Errors are the first in the order cleaner, entities, triggers either
    /// way.
    pub fn new(config: &Config) -> Result<Resources> {
        let entities = || EntityTagger::new(&config.entities);
        let others = || {
            (
                Cleaner::new(&config.cleaner),
                DateTagger::new(),
                AmountTagger::new(),
                EventLexicon::new(&config.triggers),
            )
        };
        let (entities, (cleaner, dates, amounts, events)) = match rayon::current_thread_index() {
            Some(_) => rayon::join(entities, others),
            None => (entities(), others()),
        };
        Ok(Resources {
            cleaner: cleaner?,
            dates,
            amounts,
            entities: entities?,
            events: events?,
            sitewide: Default::default(),
        })
    }

    /// The built-in data alone.
    pub fn builtin() -> Resources {
        Resources::new(&Config::default()).expect("built-in data is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_adds_entities_patterns_and_triggers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("extra.tsv"), "ORG\tInitech\tINTC-X\n").unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            "gazetteers = [\"extra.tsv\"]\n[clean]\nboilerplate = [\"sponsored by .*\"]\n[[entity]]\ntype = \"ORG\"\nname = \"Globex\"\naliases = [\"GBX\"]\n[[trigger]]\ntype = \"acquisition\"\nlemma = \"snap up\"\nforms = [\"snapped up\"]\n",
        )
        .unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.entities.len(), 2);
        assert_eq!(c.triggers[0].forms, vec!["snapped up"]);
        assert_ne!(c.hash(), Config::default().hash());
        assert!(Resources::new(&c).is_ok());
    }

    #[test]
    fn bad_config_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[[entity]]\ntype = \"COMPANY\"\nname = \"X\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("PERSON, ORG, LOC or MISC"), "{err}");
        std::fs::write(&path, "[clean]\nboilerplate = [\"(unclosed\"]\n").unwrap();
        let c = Config::load(&path).unwrap();
        assert!(Resources::new(&c).is_err());
    }
}
