//! The bundle rows of `pristan bench --all`: a coordinator importing 100 bundles of 500
//! operations (and half as many, for time(2N)/time(N)), and export and import throughput against
//! the `rage` command line and the age crate encrypting and decrypting the same bytes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use pristan_core::bundle::{BatchLimits, ExportOutcome, FileOutcome};
use pristan_core::{KdfParams, Vault};
use secrecy::{ExposeSecret, SecretString};

use super::Row;

/// Bundles of this many operations, as a volunteer's week or a coordinator's packet.
const OPS_PER_BUNDLE: usize = 500;
/// The coordinator import the issue names: 100 bundles of 500 operations.
const BUNDLES: usize = 100;

/// Makes `vault` an organisation's coordinator holding consent for every case (a demo vault's
/// copy only), and returns the key file a second coordinator joins with.
pub fn prepare_coordinator(vault: &mut Vault, passphrase: &SecretString) -> Result<Vec<u8>> {
    if vault.org()?.is_none() {
        vault.create_org("Benchmark Visitors")?;
    }
    // A demo vault holds about one case in five back until its person consents; every case must
    // travel for the second coordinator to receive the whole casebook.
    for case in vault.cases()? {
        if !vault.shares_with_coordinator(case.id)? {
            vault.record_share_consent(case.id)?;
        }
    }
    vault
        .export_coordinator_keys(passphrase)
        .context("the benchmark vault must be a coordinator's")
}

/// A new coordinator's vault in `dir` (emptied first), as a second office laptop.
fn receiver(dir: &Path, key_file: &[u8], passphrase: &SecretString) -> Result<Vault> {
    remove(dir)?;
    let (mut vault, _) = Vault::create(dir, passphrase, KdfParams::MINIMUM)?;
    vault.join_as_coordinator(key_file, passphrase)?;
    Ok(vault)
}

fn remove(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("could not remove {}", dir.display()))?;
    }
    Ok(())
}

fn export(vault: &mut Vault, dir: &Path, limits: &BatchLimits) -> Result<(Vec<PathBuf>, Duration)> {
    remove(dir)?;
    std::fs::create_dir_all(dir)?;
    let started = Instant::now();
    let outcome = vault.export_bundle_in_batches(dir, Some(1), limits, &mut |_| {})?;
    let took = started.elapsed();
    let ExportOutcome::Written(report) = outcome else {
        bail!("the benchmark vault holds no operations of its own");
    };
    Ok((report.paths.iter().map(PathBuf::from).collect(), took))
}

/// Imports `paths` into `vault`, failing if any is refused; returns the time taken.
fn import(vault: &mut Vault, paths: &[PathBuf]) -> Result<Duration> {
    let started = Instant::now();
    let summary = vault.import_bundles(paths, &mut |_| {})?;
    let took = started.elapsed();
    for file in &summary.files {
        if !matches!(file.outcome, FileOutcome::Imported(_)) {
            bail!("a benchmark bundle did not import: {:?}", file.outcome);
        }
    }
    Ok(took)
}

/// Coordinator import of `BUNDLES` bundles of `OPS_PER_BUNDLE` operations, and of half as many.
pub fn import_scaling(
    vault: &mut Vault,
    key_file: &[u8],
    passphrase: &SecretString,
    scratch: &Path,
) -> Result<Vec<Row>> {
    let limits = BatchLimits {
        ops: OPS_PER_BUNDLE,
        ..BatchLimits::DEFAULT
    };
    let (paths, _) = export(vault, &scratch.join("bundles-500"), &limits)?;
    let twice = paths.len().min(BUNDLES);
    let once = twice / 2;
    if once == 0 {
        bail!("the benchmark vault has too few operations for bundles of {OPS_PER_BUNDLE}");
    }
    let mut half = receiver(&scratch.join("receiver-n"), key_file, passphrase)?;
    let t_once = import(&mut half, &paths[..once])?;
    half.lock()?;
    let mut full = receiver(&scratch.join("receiver-2n"), key_file, passphrase)?;
    let t_twice = import(&mut full, &paths[..twice])?;
    full.lock()?;
    remove(&scratch.join("receiver-n"))?;
    remove(&scratch.join("receiver-2n"))?;
    remove(&scratch.join("bundles-500"))?;
    let ops_twice = (twice * OPS_PER_BUNDLE) as f64;
    let ops_once = (once * OPS_PER_BUNDLE) as f64;
    Ok(vec![
        Row::new(
            format!("coordinator import, {twice} bundles × {OPS_PER_BUNDLE} operations"),
            format!(
                "{:.1} s, {:.0} ops/s",
                t_twice.as_secs_f64(),
                ops_twice / t_twice.as_secs_f64()
            ),
            format!("≥ 25,000 ops/s (≤ {:.1} s)", ops_twice / 25_000.0),
            Some(t_twice.as_secs_f64() / (ops_twice / 25_000.0)),
        ),
        Row::new(
            format!("the same, {once} bundles (N) vs {twice} (2N): time(2N)/time(N)"),
            format!(
                "{:.1} s vs {:.1} s ({:.0} ops/s at N)",
                t_once.as_secs_f64(),
                t_twice.as_secs_f64(),
                ops_once / t_once.as_secs_f64()
            ),
            "≤ 2.1".to_owned(),
            Some(t_twice.as_secs_f64() / t_once.as_secs_f64()),
        ),
    ])
}

/// Export and import of the whole casebook (MB/s of bundle bytes), against `rage` and the age
/// crate encrypting and decrypting the same number of bytes.
pub fn throughput(
    vault: &mut Vault,
    key_file: &[u8],
    passphrase: &SecretString,
    scratch: &Path,
) -> Result<Vec<Row>> {
    let dir = scratch.join("bundles-all");
    let (paths, t_export) = export(vault, &dir, &BatchLimits::DEFAULT)?;
    let mut bytes = Vec::new();
    for path in &paths {
        bytes.extend(std::fs::read(path)?);
    }
    let mut second = receiver(&scratch.join("receiver-all"), key_file, passphrase)?;
    let t_import = import(&mut second, &paths)?;
    second.lock()?;
    remove(&scratch.join("receiver-all"))?;
    remove(&dir)?;

    let crypto = age_timings(&bytes, scratch)?;
    let mb = bytes.len() as f64 / 1_000_000.0;
    let rate = |d: Duration| mb / d.as_secs_f64().max(f64::EPSILON);
    Ok(vec![
        Row::new(
            format!(
                "export of every operation ({} bundle(s), {mb:.1} MB)",
                paths.len()
            ),
            format!(
                "{:.1} MB/s ({:.1} s)",
                rate(t_export),
                t_export.as_secs_f64()
            ),
            format!("rage -e, same bytes: {:.1} MB/s", rate(crypto.rage_encrypt)),
            Some(t_export.as_secs_f64() / crypto.rage_encrypt.as_secs_f64()),
        ),
        Row::new(
            "import of those bundles on a second coordinator".to_owned(),
            format!(
                "{:.1} MB/s ({:.1} s)",
                rate(t_import),
                t_import.as_secs_f64()
            ),
            format!("rage -d, same bytes: {:.1} MB/s", rate(crypto.rage_decrypt)),
            Some(t_import.as_secs_f64() / crypto.rage_decrypt.as_secs_f64()),
        ),
        Row::new(
            "the crypto layer alone: age crate encrypt (as export does)".to_owned(),
            format!("{:.1} MB/s", rate(crypto.crate_encrypt)),
            format!(
                "rage -e: {:.1} MB/s; target ≤ 1.5×",
                rate(crypto.rage_encrypt)
            ),
            Some(crypto.crate_encrypt.as_secs_f64() / crypto.rage_encrypt.as_secs_f64()),
        ),
        Row::new(
            "the crypto layer alone: age crate decrypt (as import does)".to_owned(),
            format!("{:.1} MB/s", rate(crypto.crate_decrypt)),
            format!(
                "rage -d: {:.1} MB/s; target ≤ 1.5×",
                rate(crypto.rage_decrypt)
            ),
            Some(crypto.crate_decrypt.as_secs_f64() / crypto.rage_decrypt.as_secs_f64()),
        ),
    ])
}

struct AgeTimings {
    rage_encrypt: Duration,
    rage_decrypt: Duration,
    crate_encrypt: Duration,
    crate_decrypt: Duration,
}

/// `rage` (a separate process, so its start is included: a few milliseconds) and the age crate
/// Pristan uses, on the same bytes with a throwaway X25519 key made for this run.
fn age_timings(bytes: &[u8], scratch: &Path) -> Result<AgeTimings> {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let key_path = scratch.join("rage-identity.txt");
    let plain = scratch.join("rage-in.bin");
    let sealed = scratch.join("rage-out.age");
    write_private(&key_path, identity.to_string().expose_secret().as_bytes())?;
    std::fs::write(&plain, bytes)?;

    let rage = |args: &[&std::ffi::OsStr]| -> Result<Duration> {
        let started = Instant::now();
        let status = Command::new("rage")
            .args(args)
            .status()
            .context("could not run rage: install it (scripts/setup.sh) or put it on PATH")?;
        let took = started.elapsed();
        if !status.success() {
            bail!("rage failed: {status}");
        }
        Ok(took)
    };
    let recipient_text = recipient.to_string();
    let rage_encrypt = rage(&[
        "-e".as_ref(),
        "-r".as_ref(),
        recipient_text.as_ref(),
        "-o".as_ref(),
        sealed.as_os_str(),
        plain.as_os_str(),
    ])?;
    let rage_decrypt = rage(&[
        "-d".as_ref(),
        "-i".as_ref(),
        key_path.as_os_str(),
        "-o".as_ref(),
        "/dev/null".as_ref(),
        sealed.as_os_str(),
    ])?;

    let started = Instant::now();
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))?;
    let mut file = Vec::with_capacity(bytes.len() + bytes.len() / 1024 + 4096);
    let mut writer = encryptor.wrap_output(&mut file)?;
    std::io::Write::write_all(&mut writer, bytes)?;
    writer.finish()?;
    let crate_encrypt = started.elapsed();

    let started = Instant::now();
    let decryptor = age::Decryptor::new(&file[..])?;
    let mut reader = decryptor.decrypt(std::iter::once(&identity as _))?;
    let mut out = Vec::with_capacity(bytes.len());
    std::io::Read::read_to_end(&mut reader, &mut out)?;
    let crate_decrypt = started.elapsed();
    if out != bytes {
        bail!("the age round trip did not give the same bytes back");
    }
    for path in [&key_path, &plain, &sealed] {
        std::fs::remove_file(path)?;
    }
    Ok(AgeTimings {
        rage_encrypt,
        rage_decrypt,
        crate_encrypt,
        crate_decrypt,
    })
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)?;
    Ok(())
}
