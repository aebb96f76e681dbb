mod entries;
mod format;
