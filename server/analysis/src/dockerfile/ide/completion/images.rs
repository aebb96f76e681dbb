//! FROM: earlier stages, well-known base images and their tags (from the offline table in
//! `base_images.txt`), `AS`, and `--platform`.

use std::sync::OnceLock;

use dockwise_syntax::{Arguments, Span};

use super::{CompletionExt, Cursor, Items, Site, earlier_stages, flags, item, knowledge};
use crate::ide::CompletionKind;

/// The table: see the header of `base_images.txt`.
const TABLE: &str = include_str!("base_images.txt");

#[derive(Debug)]
pub struct BaseImage {
    pub name: &'static str,
    pub description: &'static str,
    pub tags: Vec<&'static str>,
}

/// The parsed table; lines that do not have the three fields are skipped (a test checks there
/// are none).
pub fn base_images() -> &'static [BaseImage] {
    static IMAGES: OnceLock<Vec<BaseImage>> = OnceLock::new();
    IMAGES.get_or_init(|| TABLE.lines().filter_map(parse_line).collect())
}

fn parse_line(line: &'static str) -> Option<BaseImage> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let mut fields = line.split('|').map(str::trim);
    let (name, description, tags) = (fields.next()?, fields.next()?, fields.next()?);
    if name.is_empty() || fields.next().is_some() {
        return None;
    }
    Some(BaseImage {
        name,
        description,
        tags: tags.split_whitespace().collect(),
    })
}

pub fn complete(cursor: &Cursor, site: Site, in_flag_zone: bool, out: &mut Items) {
    let instruction = site.instruction;
    let words = match &instruction.args {
        Arguments::Words(words) => words.as_slice(),
        _ => &[],
    };
    let position = words
        .iter()
        .filter(|word| word.span.start < cursor.word.start)
        .count();
    let typed = cursor.typed();
    match position {
        0 => match typed.find(':') {
            Some(colon) => tags(
                cursor,
                typed.get(..colon).unwrap_or(""),
                cursor.word.start + colon + 1,
                out,
            ),
            None if !typed.contains('@') => {
                earlier_stages(cursor, site.stage, cursor.word, out);
                images(cursor, out);
                if in_flag_zone && typed.is_empty() {
                    flags::names(cursor, instruction, 200, out);
                }
            }
            None => {}
        },
        1 => {
            let as_keyword = if instruction.keyword.chars().any(|c| c.is_ascii_uppercase()) {
                "AS"
            } else {
                "as"
            };
            out.push(
                item(as_keyword, CompletionKind::Keyword, cursor.word)
                    .detail("name this stage")
                    .snippet(format!("{as_keyword} ${{1:name}}")),
            );
        }
        _ => {}
    }
}

fn images(cursor: &Cursor, out: &mut Items) {
    out.push(
        item("scratch", CompletionKind::Value, cursor.word)
            .detail("the empty image: no files at all")
            .documentation(knowledge("dockerfile:image:scratch"))
            .sort(90),
    );
    for (rank, image) in base_images().iter().enumerate() {
        let tags = image.tags.join(", ");
        out.push(
            item(image.name, CompletionKind::Value, cursor.word)
                .detail(image.description)
                .documentation(Some(format!(
                    "**{}**\n\n{}\n\nTags: {tags}",
                    image.name, image.description
                )))
                .sort(100 + u32::try_from(rank).unwrap_or(0)),
        );
    }
}

/// Tags of `image` after its `:` (`tag_start`).
fn tags(cursor: &Cursor, image: &str, tag_start: usize, out: &mut Items) {
    let name = image.to_ascii_lowercase();
    let name = [
        "docker.io/library/",
        "index.docker.io/library/",
        "docker.io/",
        "library/",
    ]
    .iter()
    .find_map(|prefix| name.strip_prefix(prefix))
    .unwrap_or(&name)
    .to_string();
    let Some(known) = base_images().iter().find(|known| known.name == name) else {
        return;
    };
    let replace = Span::new(tag_start, cursor.word.end);
    for (rank, tag) in known.tags.iter().enumerate() {
        out.push(
            item(*tag, CompletionKind::Value, replace)
                .detail(format!("{}:{tag}", known.name))
                .sort(u32::try_from(rank).unwrap_or(0)),
        );
    }
}
