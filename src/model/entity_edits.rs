//! The user's corrections to entities: merge two, rename one, change its kind, split an
//! alias off. Stored as data (serde) and applied on every rebuild, after automatic alias
//! linking, so they survive re-extraction and restarts.

use serde::{Deserialize, Serialize};

use super::EntityKey;

/// Every entity correction, in the order made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityEdits {
    /// Mentions of the first entity belong to the second: a merge (the second exists), a
    /// rename (same kind, new name) or a change of kind (same name, new kind).
    pub redirects: Vec<(EntityKey, EntityKey)>,
    /// A surface form split off an entity: a mention with this text that was linked to the
    /// entity keeps its own name ("Bush" is not always "George W. Bush").
    pub split_aliases: Vec<(EntityKey, String)>,
}

/// One correction, as the UI asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntityEdit {
    /// Merge, rename or change kind: `from` becomes `to`.
    Redirect { from: EntityKey, to: EntityKey },
    /// Mentions written `alias` no longer count as `from`.
    SplitAlias { from: EntityKey, alias: String },
    /// Forget every edit made to or from this entity.
    Reset(EntityKey),
}

impl EntityEdits {
    /// The entity a mention belongs to, given its automatic key and its text.
    pub fn resolve(&self, automatic: EntityKey, surface: &str) -> EntityKey {
        let mut key = if self.split_aliases.iter().any(|(from, alias)| *from == automatic && alias == surface)
        {
            EntityKey { kind: automatic.kind, name: surface.to_owned() }
        } else {
            automatic
        };
        // Follow chains (A → B → C); the length bound also stops any cycle.
        for _ in 0..=self.redirects.len() {
            match self.redirects.iter().find(|(from, _)| *from == key) {
                Some((_, to)) => key = to.clone(),
                None => break,
            }
        }
        key
    }

    /// Records an edit.
    pub fn apply(&mut self, edit: EntityEdit) {
        match edit {
            EntityEdit::Redirect { from, to } => {
                self.redirects.retain(|(f, _)| *f != from);
                // Pointing `to` back at `from` would make a cycle: the newer edit wins.
                self.redirects.retain(|(f, t)| !(*f == to && *t == from));
                if from != to {
                    self.redirects.push((from, to));
                }
            }
            EntityEdit::SplitAlias { from, alias } => {
                if !self.split_aliases.iter().any(|(f, a)| *f == from && *a == alias) {
                    self.split_aliases.push((from, alias));
                }
            }
            EntityEdit::Reset(key) => {
                self.redirects.retain(|(from, to)| *from != key && *to != key);
                self.split_aliases.retain(|(from, _)| *from != key);
            }
        }
    }

    /// Whether any edit involves this entity (the UI then offers to undo them).
    pub fn touches(&self, key: &EntityKey) -> bool {
        self.redirects.iter().any(|(from, to)| from == key || to == key)
            || self.split_aliases.iter().any(|(from, _)| from == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::EntityKind;

    fn person(name: &str) -> EntityKey {
        EntityKey { kind: EntityKind::Person, name: name.to_owned() }
    }

    #[test]
    fn redirects_merge_rename_and_follow_chains_without_cycles() {
        let mut edits = EntityEdits::default();
        edits.apply(EntityEdit::Redirect { from: person("Gutierrez"), to: person("Lucio Gutierrez") });
        edits.apply(EntityEdit::Redirect { from: person("Lucio Gutierrez"), to: person("Lucio Gutiérrez") });
        assert_eq!(edits.resolve(person("Gutierrez"), "Gutierrez"), person("Lucio Gutiérrez"));
        edits.apply(EntityEdit::Redirect { from: person("Lucio Gutiérrez"), to: person("Lucio Gutierrez") });
        assert_eq!(edits.resolve(person("Gutierrez"), "Gutierrez"), person("Lucio Gutierrez"));
        let place = EntityKey { kind: EntityKind::Place, name: "Lucio Gutierrez".to_owned() };
        edits.apply(EntityEdit::Redirect { from: person("Lucio Gutierrez"), to: place.clone() });
        assert_eq!(edits.resolve(person("Gutierrez"), "Gutierrez"), place);
    }

    #[test]
    fn split_aliases_keep_their_own_name_and_reset_forgets() {
        let mut edits = EntityEdits::default();
        edits.apply(EntityEdit::SplitAlias { from: person("George W. Bush"), alias: "Bush".to_owned() });
        assert_eq!(edits.resolve(person("George W. Bush"), "Bush"), person("Bush"));
        assert_eq!(edits.resolve(person("George W. Bush"), "George W. Bush"), person("George W. Bush"));
        assert!(edits.touches(&person("George W. Bush")));
        edits.apply(EntityEdit::Reset(person("George W. Bush")));
        assert_eq!(edits, EntityEdits::default());
    }
}
