//! A typst `World` held entirely in memory: the template and the fonts are compiled into the
//! program, the case's data is one JSON file served from memory, and nothing is read from disk
//! or the network (no packages, no system fonts, not typst's bundled fonts).

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The template's source, compiled in.
const TEMPLATE: &str = include_str!("../template/dossier.typ");
/// Where the template reads the case's data from (`json("/dossier.json")`).
pub(crate) const DATA_PATH: &str = "/dossier.json";

/// The fonts, from assets/fonts/ (licences beside them): Noto Sans for text in Latin and
/// Cyrillic, DejaVu Sans Mono for ids.
const FONT_FILES: [&[u8]; 3] = [
    include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf"),
];

/// What every dossier shares, built once per process: the standard library, the parsed fonts
/// and their book, and the file ids.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    data: FileId,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
        .collect();
    let file = |path: &str| {
        let vpath = VirtualPath::new(path).expect("a constant, valid virtual path");
        RootedPath::new(VirtualRoot::Project, vpath).intern()
    };
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: file("/dossier.typ"),
        data: file(DATA_PATH),
    }
});

/// The fonts a dossier may use.
pub(crate) fn fonts() -> &'static [Font] {
    &SHARED.fonts
}

/// One dossier's world: the shared parts and this dossier's data.
pub(crate) struct DossierWorld {
    main: Source,
    data: Bytes,
}

impl DossierWorld {
    pub(crate) fn new(data_json: Vec<u8>) -> DossierWorld {
        DossierWorld {
            main: Source::new(SHARED.main, TEMPLATE.to_owned()),
            data: Bytes::new(data_json),
        }
    }
}

impl World for DossierWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        SHARED.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == SHARED.main {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == SHARED.data {
            Ok(self.data.clone())
        } else if id == SHARED.main {
            Ok(Bytes::from_string(self.main.text().to_owned()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    /// The template never asks for today's date: the dossier's date is in its data.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
