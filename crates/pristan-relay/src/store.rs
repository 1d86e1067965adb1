//! The relay's storage over `object_store`: a local folder (fsync on, staging files of a crash
//! removed at start) or an S3-compatible bucket. Puts of bundles are create-only, so the same
//! bytes sent twice are one object; deleting what is not there is success; errors keep only
//! their kind, because the store's own messages name paths and keys.

use std::path::Path as FsPath;
use std::sync::Arc;

use bytes::Bytes;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};

use crate::config::StoreLocation;

#[derive(Clone)]
pub struct Store {
    inner: Arc<dyn ObjectStore>,
}

/// What a create-only put found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Created,
    AlreadyStored,
}

/// A store failure, by kind only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the relay's store failed ({kind})")]
pub struct StoreError {
    kind: &'static str,
}

impl StoreError {
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    fn of(error: &object_store::Error) -> StoreError {
        let kind = match error {
            object_store::Error::NotFound { .. } => "not found",
            object_store::Error::AlreadyExists { .. } => "already exists",
            object_store::Error::Precondition { .. } => "precondition",
            object_store::Error::NotSupported { .. } => "not supported",
            object_store::Error::InvalidPath { .. } => "invalid path",
            object_store::Error::PermissionDenied { .. } => "permission denied",
            object_store::Error::Unauthenticated { .. } => "unauthenticated",
            _ => "storage error",
        };
        StoreError { kind }
    }
}

impl Store {
    /// Opens the store. A local folder is created if missing, and any staging file left by a
    /// crash during a put is removed (it was never acknowledged, so nothing is lost).
    pub fn open(location: &StoreLocation) -> anyhow::Result<Store> {
        let inner: Arc<dyn ObjectStore> = match location {
            StoreLocation::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    anyhow::anyhow!("could not create the store folder {}: {e}", dir.display())
                })?;
                let removed = remove_staging_files(dir).map_err(|e| {
                    anyhow::anyhow!("could not clean the store folder {}: {e}", dir.display())
                })?;
                if removed > 0 {
                    tracing::info!(
                        removed,
                        "removed partial files left by an interrupted upload"
                    );
                }
                let store = LocalFileSystem::new_with_prefix(dir)
                    .map_err(|_| {
                        anyhow::anyhow!("could not open the store folder {}", dir.display())
                    })?
                    .with_fsync(true)
                    .with_automatic_cleanup(true);
                Arc::new(store)
            }
            StoreLocation::S3(url) => {
                let store = AmazonS3Builder::from_env()
                    .with_url(url.as_str())
                    .build()
                    .map_err(|e| anyhow::anyhow!("could not set up the S3 store: {e}"))?;
                Arc::new(store)
            }
            StoreLocation::Memory => Arc::new(InMemory::new()),
        };
        Ok(Store { inner })
    }

    /// Stores `payload` at `location` unless something is there already. On a local folder the
    /// file is fsynced before this returns, so an acknowledged upload survives a power cut.
    pub async fn put_new(
        &self,
        location: &Path,
        payload: PutPayload,
    ) -> Result<PutOutcome, StoreError> {
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        match self.inner.put_opts(location, payload, options).await {
            Ok(_) => Ok(PutOutcome::Created),
            Err(object_store::Error::AlreadyExists { .. })
            | Err(object_store::Error::Precondition { .. }) => Ok(PutOutcome::AlreadyStored),
            Err(e) => Err(StoreError::of(&e)),
        }
    }

    /// Replaces whatever is at `location` (small records the relay owns: ticket counts).
    pub async fn put_overwrite(&self, location: &Path, bytes: Bytes) -> Result<(), StoreError> {
        self.inner
            .put(location, PutPayload::from_bytes(bytes))
            .await
            .map(|_| ())
            .map_err(|e| StoreError::of(&e))
    }

    pub async fn head(&self, location: &Path) -> Result<Option<ObjectMeta>, StoreError> {
        match self.inner.head(location).await {
            Ok(meta) => Ok(Some(meta)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(StoreError::of(&e)),
        }
    }

    /// An object's size and its bytes as a stream, or `None` if it is not there.
    pub async fn get_stream(
        &self,
        location: &Path,
    ) -> Result<Option<(u64, BoxStream<'static, Result<Bytes, StoreError>>)>, StoreError> {
        match self.inner.get(location).await {
            Ok(result) => {
                let size = result.meta.size;
                let stream = result.into_stream().map_err(|e| StoreError::of(&e)).boxed();
                Ok(Some((size, stream)))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(StoreError::of(&e)),
        }
    }

    /// A small object whole (rosters, ticket counts), or `None`.
    pub async fn get_small(&self, location: &Path) -> Result<Option<Bytes>, StoreError> {
        match self.inner.get(location).await {
            Ok(result) => result
                .bytes()
                .await
                .map(Some)
                .map_err(|e| StoreError::of(&e)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(StoreError::of(&e)),
        }
    }

    /// Deletes `location`; deleting what is not there (an acknowledgement sent twice) is success.
    pub async fn delete(&self, location: &Path) -> Result<(), StoreError> {
        match self.inner.delete(location).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(StoreError::of(&e)),
        }
    }

    /// Everything under `prefix`, in no particular order.
    pub async fn list(&self, prefix: &Path) -> Result<Vec<ObjectMeta>, StoreError> {
        self.inner
            .list(Some(prefix))
            .try_collect()
            .await
            .map_err(|e| StoreError::of(&e))
    }
}

/// Removes the staging files `LocalFileSystem` writes before linking a put into place
/// (`<name>#<n>`): after a crash they are orphans no listing shows. Object names never hold `#`.
fn remove_staging_files(dir: &FsPath) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            removed += remove_staging_files(&entry.path())?;
        } else if kind.is_file() && entry.file_name().to_string_lossy().contains('#') {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn create_only_puts_store_once_and_deletes_are_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&StoreLocation::Local(dir.path().into())).unwrap();
        rt().block_on(async {
            let path = Path::from("inbox/abc");
            let first = store.put_new(&path, PutPayload::from_static(b"one")).await;
            let second = store.put_new(&path, PutPayload::from_static(b"two")).await;
            assert_eq!(first, Ok(PutOutcome::Created));
            assert_eq!(second, Ok(PutOutcome::AlreadyStored));
            assert_eq!(
                store.get_small(&path).await.unwrap().unwrap(),
                Bytes::from_static(b"one")
            );
            store.delete(&path).await.unwrap();
            store.delete(&path).await.unwrap();
            assert_eq!(store.head(&path).await.unwrap(), None);
            assert!(store.get_stream(&path).await.unwrap().is_none());
        });
    }

    // A crash between writing a put's staging file and linking it leaves `<name>#<n>`: the next
    // start removes it, and the object itself was never acknowledged.
    #[test]
    fn staging_files_of_a_crash_are_removed_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("mailbox/aa");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("0123#1"), b"partial").unwrap();
        std::fs::write(folder.join("4567"), b"whole").unwrap();
        let _store = Store::open(&StoreLocation::Local(dir.path().into())).unwrap();
        assert!(!folder.join("0123#1").exists());
        assert!(folder.join("4567").exists());
    }
}
