use crate::Severity;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;

pub const RULE: DockerfileRule = DockerfileRule {
    name: "invalid-directive",
    summary: "A parser directive Docker rejects: a bad `escape` or `check` value, or a directive given twice",
    severity: Severity::Error,
    enabled: true,
    fixable: false,
    equivalents: &[],
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let directives = &cx.file.directives;
    for (index, directive) in directives.iter().enumerate() {
        if directives[..index]
            .iter()
            .any(|earlier| earlier.name == directive.name)
        {
            sink.report(
                directive.span,
                format!("only one `{}` directive is allowed", directive.name),
            );
            continue;
        }
        let problem = match directive.name.as_str() {
            "escape" if !matches!(directive.value.as_str(), "\\" | "`") => Some(format!(
                "`{}` cannot be the escape character: use `\\` or a backtick",
                directive.value
            )),
            "check" => check_value_problem(&directive.value),
            _ => None,
        };
        if let Some(message) = problem {
            sink.report(directive.value_span, message);
        }
    }
}

/// `# check=skip=A,B;error=true;experimental=all`: `skip` and `experimental` take check names
/// or `all`, `error` a boolean.
fn check_value_problem(value: &str) -> Option<String> {
    for part in value
        .split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        let Some((key, setting)) = part.split_once('=') else {
            return Some(format!(
                "`{part}` needs a value: use `skip=<checks>` or `error=true`"
            ));
        };
        match key.trim() {
            "skip" | "experimental" if setting.trim().is_empty() => {
                return Some(format!("`{}=` needs check names or `all`", key.trim()));
            }
            "skip" | "experimental" => {}
            "error" if !matches!(setting.trim(), "true" | "false") => {
                return Some(format!("`error={setting}` must be `true` or `false`"));
            }
            "error" => {}
            other => {
                return Some(format!(
                    "unknown check option `{other}`: use `skip`, `error` or `experimental`"
                ));
            }
        }
    }
    None
}
