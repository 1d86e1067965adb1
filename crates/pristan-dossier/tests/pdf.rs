//! The typeset PDF, read back with Debian's poppler-utils (`pdftotext`, `pdffonts`, `pdftoppm`;
//! scripts/setup.sh installs them): the text a reader's tools see, the fonts embedded, and pages
//! rendered to PNG for a person to look at (in `$CARGO_TARGET_TMPDIR/dossier-pages/`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use pristan_dossier::sample::{self, *};
use pristan_dossier::{compose, typeset, Choices, Dossier, DossierInput, REPLACEMENT};
use pristan_model::views::CaseFile;
use pristan_model::{DossierSection, Evidence, LongText, Stored};

fn dossier_of(file: &CaseFile, choices: &Choices) -> Dossier {
    compose(DossierInput {
        case_file: file,
        referral: &sample::referral(),
        pathway: sample::PATHWAY,
        choices,
        generated_on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        author: "Olga (coordinator)",
    })
    .unwrap()
}

/// Writes `pdf` into a temporary folder and returns it with the file's path.
fn saved(pdf: &[u8]) -> (tempfile::TempDir, PathBuf) {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.pdf");
    std::fs::write(&path, pdf).unwrap();
    (dir, path)
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not run ({e}): install poppler-utils (scripts/setup.sh)")
        });
    assert!(
        out.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text with every run of whitespace made one space, so wrapped lines still match.
fn text_of(path: &Path, pages: Option<(u32, u32)>) -> String {
    let path = path.to_str().unwrap();
    let text = match pages {
        Some((first, last)) => run(
            "pdftotext",
            &["-f", &first.to_string(), "-l", &last.to_string(), path, "-"],
        ),
        None => run("pdftotext", &[path, "-"]),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(path: &Path) -> u32 {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn the_text_holds_the_cyrillic_name_and_the_evidence_but_no_note() {
    let pdf = typeset(&dossier_of(&sample::case_file(), &Choices::default())).unwrap();
    let (_dir, path) = saved(&pdf);
    let text = text_of(&path, None);
    assert!(
        text.contains(NATIVE_NAME),
        "the Cyrillic name is missing:\n{text}"
    );
    assert!(text.contains(NAME));
    assert!(text.contains("Мария Смирнова"));
    for item in EVIDENCE_ITEMS {
        assert!(text.contains(item), "evidence {item:?} is missing:\n{text}");
    }
    assert!(text.contains("CONFIDENTIAL"));
    assert!(!text.contains(CANARY_RESTRICTED_NOTE));
    assert!(!text.contains(CANARY_NORMAL_NOTE));
}

#[test]
fn withheld_sections_and_unchosen_notes_are_not_in_the_text() {
    let choices = Choices {
        withhold: BTreeSet::from([
            DossierSection::Family,
            DossierSection::Evidence,
            DossierSection::Recommendation,
        ]),
        include_notes: BTreeSet::from([normal_note_id()]),
    };
    let pdf = typeset(&dossier_of(&sample::case_file(), &choices)).unwrap();
    let (_dir, path) = saved(&pdf);
    let text = text_of(&path, None);
    for canary in [
        CANARY_FAMILY,
        CANARY_EVIDENCE,
        CANARY_RECOMMENDATION,
        CANARY_RESTRICTED_NOTE,
    ] {
        assert!(!text.contains(canary), "{canary} reached the PDF");
    }
    for item in EVIDENCE_ITEMS {
        assert!(
            !text.contains(item),
            "withheld evidence {item:?} reached the PDF"
        );
    }
    assert!(
        text.contains(CANARY_NORMAL_NOTE),
        "the chosen note is missing"
    );
    assert!(text.contains(CANARY_PERSON) && text.contains(CANARY_CUSTODY));
    assert!(text.contains("Withheld by the coordinator"));
}

#[test]
fn the_fonts_are_embedded_and_no_other_is_used() {
    let pdf = typeset(&dossier_of(&sample::case_file(), &Choices::default())).unwrap();
    let (_dir, path) = saved(&pdf);
    let fonts = run("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{fonts}");
    for font in ["NotoSans-Regular", "NotoSans-Bold", "DejaVuSansMono"] {
        assert!(fonts.contains(font), "{font} is not used:\n{fonts}");
    }
    for row in rows {
        // Columns: name, type, encoding, emb, sub, uni, object ID.
        let columns: Vec<&str> = row.split_whitespace().collect();
        let n = columns.len();
        assert_eq!(columns[n - 5], "yes", "not embedded: {row}");
        assert_eq!(
            columns[n - 3],
            "yes",
            "no Unicode map, so no searchable text: {row}"
        );
        assert!(
            ["NotoSans", "DejaVuSansMono"]
                .iter()
                .any(|f| columns[0].contains(f)),
            "a font from elsewhere: {row}"
        );
    }
}

#[test]
fn every_page_carries_the_marking_and_its_number() {
    // Forty evidence items make several pages.
    let mut file = sample::case_file();
    for n in 0..40u8 {
        let mut item: Stored<Evidence> = file.evidence[0].clone();
        item.id = sample::id(100 + n);
        item.record.summary = LongText::new(&format!(
            "Item {n}: an account of a picket, with the names of witnesses and the date of the \
             police report, long enough to wrap onto a second line of the register. \
             Source: {}",
            "https://example.org/".to_owned()
                + &"very-long-path-without-spaces".repeat(n as usize % 3)
                + &"X".repeat(90)
        ))
        .unwrap();
        file.evidence.push(item);
    }
    let pdf = typeset(&dossier_of(&file, &Choices::default())).unwrap();
    let (dir, path) = saved(&pdf);
    let pages = page_count(&path);
    assert!(pages >= 3, "expected several pages, got {pages}");
    for page in 1..=pages {
        let text = text_of(&path, Some((page, page)));
        assert!(text.contains("CONFIDENTIAL"), "page {page} has no marking");
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page} has no number:\n{text}"
        );
    }
    render_pages(&path, "long");
    drop(dir);
}

#[test]
fn case_text_that_looks_like_typst_code_prints_as_text() {
    let mut file = sample::case_file();
    file.case.name = "#eval(\"1+1\") ]#panic(\"x\") $x^2$ *bold* <label> @ref \\".to_owned();
    file.case.native_name = "#import \"/etc/passwd\"".to_owned();
    let pdf = typeset(&dossier_of(&file, &Choices::default())).unwrap();
    let (_dir, path) = saved(&pdf);
    let text = text_of(&path, None);
    assert!(
        text.contains("#eval(\"1+1\") ]#panic(\"x\") $x^2$ *bold* <label> @ref \\"),
        "the name was not printed as typed:\n{text}"
    );
    assert!(text.contains("#import \"/etc/passwd\""));
}

#[test]
fn characters_no_font_has_are_replaced_and_the_rest_is_kept() {
    let mut file = sample::case_file();
    // A private-use character and a musical symbol: in none of the three fonts.
    file.case.nationality = "Russia \u{E000} \u{1D11E} end".to_owned();
    let pdf = typeset(&dossier_of(&file, &Choices::default())).unwrap();
    let (_dir, path) = saved(&pdf);
    let text = text_of(&path, None);
    assert!(!text.contains('\u{E000}') && !text.contains('\u{1D11E}'));
    assert!(text.contains("Russia") && text.contains("end"));
    let replacements = text.matches(REPLACEMENT).count() + text.matches("Russia ? ? end").count();
    assert!(replacements >= 1, "no stand-in printed:\n{text}");
}

#[test]
fn pages_render_to_png() {
    let pdf = typeset(&dossier_of(&sample::case_file(), &Choices::default())).unwrap();
    let (_dir, path) = saved(&pdf);
    let pngs = render_pages(&path, "sample");
    assert_eq!(pngs.len() as u32, page_count(&path));
    for png in pngs {
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG"),
            "{} is not a PNG",
            png.display()
        );
        assert!(bytes.len() > 10_000, "{} looks blank", png.display());
    }
}

/// Renders every page at 80 dpi into `$CARGO_TARGET_TMPDIR/dossier-pages/NAME-N.png`.
fn render_pages(pdf: &Path, name: &str) -> Vec<PathBuf> {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dossier-pages");
    std::fs::create_dir_all(&out).unwrap();
    let ours = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&format!("{name}-")) && n.ends_with(".png"))
    };
    for old in std::fs::read_dir(&out).unwrap() {
        let old = old.unwrap().path();
        if ours(&old) {
            std::fs::remove_file(old).unwrap();
        }
    }
    let prefix = out.join(name);
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| ours(p))
        .collect();
    pngs.sort();
    pngs
}
