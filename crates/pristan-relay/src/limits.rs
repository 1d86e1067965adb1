//! The limits that keep one caller from exhausting the relay: a request rate per device key
//! (and for all callers together), and a quota of bytes and bundles per mailbox.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use pristan_relay_proto::ErrorCode;

use crate::error::ApiError;
use crate::layout::Folder;
use crate::store::{Store, StoreError};

/// Token buckets: each device key may make `per_minute` requests a minute, in bursts of as many;
/// all callers together twenty times that. A key is counted only once its signature verified,
/// so requests in a device's name cannot use up its allowance; unsigned and wrongly signed ones
/// meet the total.
pub struct RateLimiter {
    per_minute: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
    global: Mutex<Bucket>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(capacity: f64, now: Instant) -> Bucket {
        Bucket {
            tokens: capacity,
            at: now,
        }
    }

    /// Takes one token, or says how many seconds until one is there.
    fn take(&mut self, capacity: f64, per_second: f64, now: Instant) -> Result<(), u64> {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * per_second).min(capacity);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - self.tokens) / per_second).ceil() as u64)
        }
    }
}

const GLOBAL_FACTOR: f64 = 20.0;
/// Beyond this many keys, buckets that have refilled are forgotten.
const MAX_TRACKED_KEYS: usize = 10_000;
const MAX_KEY_LEN: usize = 64;

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        let per_minute = f64::from(per_minute.max(1));
        RateLimiter {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
            global: Mutex::new(Bucket::full(per_minute * GLOBAL_FACTOR, Instant::now())),
        }
    }

    /// Every request, before anything else.
    pub fn check_total(&self) -> Result<(), ApiError> {
        self.check_at(None, Instant::now())
    }

    /// A request whose signature by `key` verified.
    pub fn check_key(&self, key: &str) -> Result<(), ApiError> {
        self.check_key_at(key, Instant::now())
    }

    pub fn check_key_at(&self, key: &str, now: Instant) -> Result<(), ApiError> {
        let per_second = self.per_minute / 60.0;
        let key: String = key.chars().take(MAX_KEY_LEN).collect();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_TRACKED_KEYS {
            let capacity = self.per_minute;
            buckets.retain(|_, bucket| {
                let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
                bucket.tokens + elapsed * per_second < capacity
            });
        }
        let bucket = buckets
            .entry(key)
            .or_insert_with(|| Bucket::full(self.per_minute, now));
        bucket
            .take(self.per_minute, per_second, now)
            .map_err(|seconds| ApiError::retry_after(ErrorCode::RateLimited, seconds))
    }

    /// The total alone (`key: None`), or the key then the total, at `now`.
    pub fn check_at(&self, key: Option<&str>, now: Instant) -> Result<(), ApiError> {
        let per_second = self.per_minute / 60.0;
        let limited = |seconds| ApiError::retry_after(ErrorCode::RateLimited, seconds);
        if let Some(key) = key {
            self.check_key_at(key, now)?;
        }
        let mut global = self.global.lock().unwrap_or_else(|e| e.into_inner());
        global
            .take(
                self.per_minute * GLOBAL_FACTOR,
                per_second * GLOBAL_FACTOR,
                now,
            )
            .map_err(limited)
    }
}

/// Bytes and bundles held per mailbox folder (and for the inbox), counted from the store the
/// first time a folder is touched and kept up to date by every put and delete.
pub struct Quotas {
    max_bytes: u64,
    max_objects: u64,
    usage: tokio::sync::Mutex<HashMap<Folder, Usage>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub bytes: u64,
    pub objects: u64,
}

impl Quotas {
    pub fn new(max_bytes: u64, max_objects: u64) -> Quotas {
        Quotas {
            max_bytes,
            max_objects,
            usage: tokio::sync::Mutex::new(HashMap::new()),
        }
    }

    /// Reserves room for one bundle of `bytes` in `folder` (listed under `prefix`), or refuses
    /// with `over_quota`. Give the room back with [`Quotas::release`] if the bundle is not stored.
    pub async fn reserve(
        &self,
        store: &Store,
        folder: &Folder,
        prefix: &object_store::path::Path,
        bytes: u64,
    ) -> Result<(), ApiError> {
        let mut usage = self.usage.lock().await;
        if !usage.contains_key(folder) {
            let counted = count(store, prefix).await?;
            usage.insert(folder.clone(), counted);
        }
        let entry = usage.entry(folder.clone()).or_default();
        if entry.objects + 1 > self.max_objects
            || entry.bytes.saturating_add(bytes) > self.max_bytes
        {
            return Err(ErrorCode::OverQuota.into());
        }
        entry.objects += 1;
        entry.bytes += bytes;
        Ok(())
    }

    pub async fn release(&self, folder: &Folder, bytes: u64) {
        let mut usage = self.usage.lock().await;
        if let Some(entry) = usage.get_mut(folder) {
            entry.objects = entry.objects.saturating_sub(1);
            entry.bytes = entry.bytes.saturating_sub(bytes);
        }
    }

    #[cfg(test)]
    pub async fn usage(&self, folder: &Folder) -> Option<Usage> {
        self.usage.lock().await.get(folder).copied()
    }
}

async fn count(store: &Store, prefix: &object_store::path::Path) -> Result<Usage, StoreError> {
    let listed = store.list(prefix).await?;
    Ok(Usage {
        bytes: listed.iter().map(|meta| meta.size).sum(),
        objects: listed.len() as u64,
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_key_over_its_rate_waits_and_others_go_on() {
        let limiter = RateLimiter::new(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check_at(Some("a"), start).is_ok());
        }
        let refused = limiter.check_at(Some("a"), start).unwrap_err();
        assert_eq!(refused.code, ErrorCode::RateLimited);
        assert_eq!(refused.retry_after_seconds, Some(20));
        assert!(limiter.check_at(Some("b"), start).is_ok());
        assert!(limiter
            .check_at(Some("a"), start + Duration::from_secs(20))
            .is_ok());
    }

    #[test]
    fn all_callers_together_meet_the_global_limit() {
        let limiter = RateLimiter::new(1);
        let start = Instant::now();
        for n in 0..20 {
            assert!(limiter.check_at(Some(&format!("key{n}")), start).is_ok());
        }
        assert!(limiter.check_at(Some("key-new"), start).is_err());
        assert!(limiter.check_at(None, start).is_err());
    }

    #[test]
    fn quotas_count_bytes_and_bundles_and_give_back_room() {
        let store = Store::open(&crate::config::StoreLocation::Memory).unwrap();
        let quotas = Quotas::new(100, 2);
        let folder = Folder::inbox();
        let prefix = crate::layout::inbox_prefix();
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(async {
                quotas.reserve(&store, &folder, &prefix, 60).await.unwrap();
                let over = quotas.reserve(&store, &folder, &prefix, 41).await;
                assert_eq!(over.unwrap_err().code, ErrorCode::OverQuota);
                quotas.reserve(&store, &folder, &prefix, 40).await.unwrap();
                let over = quotas.reserve(&store, &folder, &prefix, 0).await;
                assert_eq!(over.unwrap_err().code, ErrorCode::OverQuota);
                quotas.release(&folder, 40).await;
                assert_eq!(
                    quotas.usage(&folder).await,
                    Some(Usage {
                        bytes: 60,
                        objects: 1
                    })
                );
            });
    }
}
