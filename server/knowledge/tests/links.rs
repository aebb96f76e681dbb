//! Cross-entry links: the build only warns about a `see_also` naming a missing entry (so
//! that entries can be written in any order); this test makes it a failure.

#[test]
fn see_also_links_resolve() {
    let dangling: Vec<String> = dockwise_knowledge::entries()
        .iter()
        .flat_map(|entry| {
            entry
                .see_also
                .iter()
                .filter(|id| dockwise_knowledge::get(id).is_none())
                .map(move |id| format!("{}: see_also names unknown id `{id}`", entry.path))
        })
        .collect();
    assert!(dangling.is_empty(), "{}", dangling.join("\n"));
}
