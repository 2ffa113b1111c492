//! Files that keep the user's work between runs: settings and corrections, each a JSON file
//! in the app's storage folder, rewritten atomically whenever it changes. A crash loses
//! nothing; a failed save leaves the previous file intact; an unreadable file is moved aside
//! and reported, never overwritten.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One JSON file of saved state; with no path (tests, no home folder) it keeps nothing.
#[derive(Debug, Default)]
pub struct JsonStore {
    path: Option<PathBuf>,
    /// What the file holds, in words for messages ("settings", "corrections").
    what: &'static str,
    /// Set when a file that could not be read could not be moved aside either: saving
    /// would overwrite it, so this session keeps its changes in memory only.
    read_only: std::cell::Cell<bool>,
}

impl JsonStore {
    /// A store at `path`.
    pub fn new(path: Option<PathBuf>, what: &'static str) -> Self {
        Self { path, what, read_only: std::cell::Cell::new(false) }
    }

    /// The saved value, or the default when there is none yet.
    pub fn load<T: DeserializeOwned + Default>(&self) -> Result<T, String> {
        let Some(path) = &self.path else {
            return Ok(T::default());
        };
        let problem = match std::fs::read(path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(value) => return Ok(value),
                Err(err) => err.to_string(),
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
            Err(err) => err.to_string(),
        };
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        let aside = path.with_extension(format!("json.unreadable-{stamp}"));
        Err(match std::fs::rename(path, &aside) {
            Ok(()) => format!(
                "Your {} could not be read ({problem}); the file was kept as {}",
                self.what,
                aside.display()
            ),
            Err(_) => {
                self.read_only.set(true);
                format!(
                    "Your {} could not be read ({problem}): {}. Changes are kept in memory only this session.",
                    self.what,
                    path.display()
                )
            }
        })
    }

    /// Replaces the saved value.
    pub fn save<T: Serialize>(&self, value: &T) -> Result<(), String> {
        let Some(path) = self.path.as_ref().filter(|_| !self.read_only.get()) else {
            return Ok(());
        };
        let json = serde_json::to_vec_pretty(value).map_err(|err| err.to_string())?;
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| write_atomically(path, &json))
            .map_err(|err| {
                format!("Could not save your {} (kept in memory): {err}: {}", self.what, path.display())
            })
    }
}

/// Writes to a temporary file beside `path` and renames it over, so a failed write never
/// leaves a half-written file where a good one was.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".partial");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_folder(name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!("chronoscope-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("folder");
        folder
    }

    #[test]
    fn values_round_trip_and_an_unreadable_file_is_kept_aside() {
        let folder = temp_folder("store-round-trip");
        let store = JsonStore::new(Some(folder.join("saved.json")), "corrections");
        assert_eq!(store.load::<Vec<String>>(), Ok(Vec::new()));
        store.save(&vec!["Quito".to_owned()]).expect("saved");
        assert_eq!(store.load::<Vec<String>>(), Ok(vec!["Quito".to_owned()]));

        std::fs::write(folder.join("saved.json"), b"{ not json").expect("write");
        let message = store.load::<Vec<String>>().expect_err("corrupt file is reported");
        assert!(message.contains("saved.json.unreadable-"), "{message}");
        let kept: Vec<_> = std::fs::read_dir(&folder)
            .expect("folder")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.to_string_lossy().contains("saved.json.unreadable-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(std::fs::read(&kept[0]).expect("kept"), b"{ not json");
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_failed_save_leaves_the_previous_file_intact() {
        let folder = temp_folder("store-bad-save");
        let store = JsonStore::new(Some(folder.join("saved.json")), "corrections");
        store.save(&vec![1, 2, 3]).expect("saved");
        // A folder where the temporary file would go makes the write fail.
        std::fs::create_dir_all(folder.join("saved.json.partial")).expect("blocker");
        assert!(store.save(&Vec::<i32>::new()).is_err());
        assert_eq!(store.load::<Vec<i32>>(), Ok(vec![1, 2, 3]));
        let _ = std::fs::remove_dir_all(&folder);
    }
}
