//! The stage graph of one version, built once for all rules: stage names, the earlier stage each
//! FROM builds on, and the root of each stage's chain. Rules that ask about "this stage and the
//! stages it builds on" fold per-stage facts along these parents instead of walking the chain
//! (and copying its instructions) once per stage or per instruction, which made long files
//! quadratic.

use std::collections::HashMap;
use std::ops::Range;

use dockwise_syntax::{Dockerfile, Instruction, Stage};

/// How a FROM is read as naming an earlier stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parent {
    /// The whole reference names a stage (`FROM builder`, also `FROM builder:1` if a stage has
    /// that name): what the package-manager rules follow.
    Reference,
    /// Only a reference without registry, tag or digest names a stage: what the runtime rules
    /// follow.
    Plain,
}

pub struct Stages {
    /// The first stage of each name, lower-cased (names compare case-insensitively).
    first_by_name: HashMap<String, usize>,
    /// The stage each stage builds on, per [`Parent`] reading; always an earlier one.
    reference_parent: Vec<Option<usize>>,
    plain_parent: Vec<Option<usize>>,
    reference_root: Vec<usize>,
    plain_root: Vec<usize>,
}

impl Stages {
    pub fn build(file: &Dockerfile) -> Stages {
        let mut first_by_name = HashMap::new();
        for stage in &file.stages {
            if let Some(name) = &stage.name {
                first_by_name
                    .entry(name.name.to_ascii_lowercase())
                    .or_insert(stage.index);
            }
        }
        let earlier = |stage: &Stage, name: &str| {
            first_by_name
                .get(&name.to_ascii_lowercase())
                .copied()
                .filter(|&first| first < stage.index)
        };
        let reference_parent: Vec<Option<usize>> = file
            .stages
            .iter()
            .map(|stage| earlier(stage, &stage.image.as_ref()?.raw))
            .collect();
        let plain_parent: Vec<Option<usize>> = file
            .stages
            .iter()
            .map(|stage| {
                let image = stage.image.as_ref()?;
                if image.registry.is_some() || image.tag.is_some() || image.digest.is_some() {
                    return None;
                }
                earlier(stage, &image.raw)
            })
            .collect();
        let roots = |parents: &[Option<usize>]| {
            let mut roots: Vec<usize> = Vec::with_capacity(parents.len());
            for (stage, parent) in parents.iter().enumerate() {
                let root = parent.and_then(|parent| roots.get(parent).copied());
                roots.push(root.unwrap_or(stage));
            }
            roots
        };
        Stages {
            reference_root: roots(&reference_parent),
            plain_root: roots(&plain_parent),
            first_by_name,
            reference_parent,
            plain_parent,
        }
    }

    /// The first stage with this name (case-insensitive).
    pub fn named(&self, name: &str) -> Option<usize> {
        self.first_by_name.get(&name.to_ascii_lowercase()).copied()
    }

    /// The earlier stage `stage` builds on.
    pub fn parent(&self, reading: Parent, stage: usize) -> Option<usize> {
        self.parents(reading).get(stage).copied().flatten()
    }

    /// The first stage of `stage`'s chain (itself when it builds on an image).
    pub fn root(&self, reading: Parent, stage: usize) -> usize {
        let roots = match reading {
            Parent::Reference => &self.reference_root,
            Parent::Plain => &self.plain_root,
        };
        roots.get(stage).copied().unwrap_or(stage)
    }

    /// The stages `stage` builds on, nearest first (itself excluded).
    pub fn ancestors(&self, reading: Parent, stage: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent(reading, stage), move |&current| {
            self.parent(reading, current)
        })
    }

    fn parents(&self, reading: Parent) -> &[Option<usize>] {
        match reading {
            Parent::Reference => &self.reference_parent,
            Parent::Plain => &self.plain_parent,
        }
    }

    /// Where instructions matching `matches` are, per stage and along chains, in one pass.
    pub fn occurrences(
        &self,
        file: &Dockerfile,
        reading: Parent,
        matches: impl Fn(&Instruction) -> bool,
    ) -> Occurrences {
        let ranges: Vec<Range<usize>> = file
            .stages
            .iter()
            .map(|stage| stage.instructions.clone())
            .collect();
        let all: Vec<usize> = ranges
            .iter()
            .flat_map(|range| {
                let own = file.instructions.get(range.clone()).unwrap_or_default();
                own.iter()
                    .enumerate()
                    .filter(|(_, instruction)| matches(instruction))
                    .map(move |(at, _)| range.start + at)
            })
            .collect();
        let mut occurrences = Occurrences {
            all,
            ranges,
            inherited_nearest: Vec::with_capacity(file.stages.len()),
        };
        // Parents come before their children, so one pass in stage order folds whole chains.
        let parents = self.parents(reading);
        for stage in 0..occurrences.ranges.len() {
            let inherited = parents.get(stage).copied().flatten().and_then(|parent| {
                occurrences
                    .last_in(parent, usize::MAX)
                    .or(occurrences.inherited_nearest(parent))
            });
            occurrences.inherited_nearest.push(inherited);
        }
        occurrences
    }
}

/// The instructions matching one predicate (indexes into `Dockerfile::instructions`), per stage
/// and along the chains of stages.
pub struct Occurrences {
    /// Every match in a stage, ascending.
    all: Vec<usize>,
    /// Each stage's instructions.
    ranges: Vec<Range<usize>>,
    /// Per stage, the last match of the nearest stage above it that has one.
    inherited_nearest: Vec<Option<usize>>,
}

impl Occurrences {
    /// The last match of the stage before instruction `end`.
    pub fn last_in(&self, stage: usize, end: usize) -> Option<usize> {
        let range = self.ranges.get(stage)?;
        let end = end.min(range.end);
        let below = self.all.partition_point(|&at| at < end);
        let last = *self.all.get(below.checked_sub(1)?)?;
        (last >= range.start).then_some(last)
    }

    /// The last match of the nearest stage the stage builds on that has one.
    pub fn inherited_nearest(&self, stage: usize) -> Option<usize> {
        self.inherited_nearest.get(stage).copied().flatten()
    }

    /// Whether a stage the stage builds on has a match.
    pub fn inherited(&self, stage: usize) -> bool {
        self.inherited_nearest(stage).is_some()
    }

    /// Whether a match comes before instruction `end` in the stage or in a stage it builds on.
    pub fn before(&self, stage: usize, end: usize) -> bool {
        self.inherited(stage) || self.last_in(stage, end).is_some()
    }
}
