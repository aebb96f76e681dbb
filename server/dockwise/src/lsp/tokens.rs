//! Semantic tokens: the legend, and the analysis' tokens in the protocol's relative encoding.

use dockwise_analysis::Span;
use dockwise_analysis::ide::{Token, TokenKind, TokenModifiers};
use ropey::Rope;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};
use super::request::on_document;
use super::server::Backend;

fn token_type(kind: TokenKind) -> lsp::SemanticTokenType {
    match kind {
        TokenKind::Keyword => lsp::SemanticTokenType::KEYWORD,
        TokenKind::Parameter => lsp::SemanticTokenType::PARAMETER,
        TokenKind::Variable => lsp::SemanticTokenType::VARIABLE,
        TokenKind::Property => lsp::SemanticTokenType::PROPERTY,
        TokenKind::String => lsp::SemanticTokenType::STRING,
        TokenKind::Number => lsp::SemanticTokenType::NUMBER,
        TokenKind::Comment => lsp::SemanticTokenType::COMMENT,
        TokenKind::Operator => lsp::SemanticTokenType::OPERATOR,
        TokenKind::Namespace => lsp::SemanticTokenType::NAMESPACE,
        TokenKind::Type => lsp::SemanticTokenType::TYPE,
        TokenKind::Macro => lsp::SemanticTokenType::MACRO,
    }
}

/// Token types in [`TokenKind::ALL`] order and modifiers in [`TokenModifiers::ALL`] order, so
/// that a kind's index and a modifier's bit are their positions here.
pub fn legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: TokenKind::ALL.into_iter().map(token_type).collect(),
        token_modifiers: TokenModifiers::ALL
            .into_iter()
            .map(lsp::SemanticTokenModifier::new)
            .collect(),
    }
}

pub fn options() -> lsp::SemanticTokensServerCapabilities {
    lsp::SemanticTokensOptions {
        legend: legend(),
        range: Some(true),
        full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
        ..lsp::SemanticTokensOptions::default()
    }
    .into()
}

pub async fn full(
    backend: &Backend,
    params: lsp::SemanticTokensParams,
) -> jsonrpc::Result<Option<lsp::SemanticTokensResult>> {
    on_document(
        backend,
        &params.text_document.uri,
        "semantic tokens",
        move |snapshot, document, encoding| {
            let data = encode(&snapshot.rope, encoding, &document.tokens(), None);
            Some(lsp::SemanticTokensResult::Tokens(lsp::SemanticTokens {
                result_id: None,
                data,
            }))
        },
    )
    .await
}

pub async fn range(
    backend: &Backend,
    params: lsp::SemanticTokensRangeParams,
) -> jsonrpc::Result<Option<lsp::SemanticTokensRangeResult>> {
    on_document(
        backend,
        &params.text_document.uri,
        "semantic tokens",
        move |snapshot, document, encoding| {
            let within = convert::range_to_span(&snapshot.rope, params.range, encoding);
            let data = encode(&snapshot.rope, encoding, &document.tokens(), Some(within));
            Some(lsp::SemanticTokensRangeResult::Tokens(
                lsp::SemanticTokens {
                    result_id: None,
                    data,
                },
            ))
        },
    )
    .await
}

/// Relative encoding of tokens (in document order, each on one line), keeping those that
/// overlap `within` when given.
fn encode(
    rope: &Rope,
    encoding: Encoding,
    tokens: &[Token],
    within: Option<Span>,
) -> Vec<lsp::SemanticToken> {
    let mut data = Vec::with_capacity(tokens.len());
    let (mut line, mut character) = (0, 0);
    for token in tokens {
        if within.is_some_and(|w| token.span.end < w.start || token.span.start > w.end) {
            continue;
        }
        let range = convert::span_to_range(rope, token.span, encoding);
        // Never multi-line by contract; a token that is would be dropped rather than misdrawn.
        if range.start.line != range.end.line || range.end.character <= range.start.character {
            continue;
        }
        let Some(kind) = TokenKind::ALL.iter().position(|k| *k == token.kind) else {
            continue;
        };
        let delta_line = range.start.line - line;
        let delta_start = if delta_line == 0 {
            range.start.character - character
        } else {
            range.start.character
        };
        data.push(lsp::SemanticToken {
            delta_line,
            delta_start,
            length: range.end.character - range.start.character,
            token_type: u32::try_from(kind).unwrap_or(0),
            token_modifiers_bitset: token.modifiers.0,
        });
        line = range.start.line;
        character = range.start.character;
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_positions_in_the_negotiated_encoding() {
        let rope = Rope::from_str("é ab\nxy");
        let token = |start, end| Token {
            span: Span::new(start, end),
            kind: TokenKind::Variable,
            modifiers: TokenModifiers::DECLARATION,
        };
        let tokens = [token(0, 2), token(3, 5), token(6, 8)];
        let data = encode(&rope, Encoding::Utf16, &tokens, None);
        let triples: Vec<_> = data
            .iter()
            .map(|t| (t.delta_line, t.delta_start, t.length))
            .collect();
        assert_eq!(triples, [(0, 0, 1), (0, 2, 2), (1, 0, 2)]);
        let data = encode(&rope, Encoding::Utf8, &tokens, Some(Span::new(6, 7)));
        assert_eq!(data.len(), 1);
        assert_eq!((data[0].delta_line, data[0].delta_start), (1, 0));
        assert_eq!(data[0].token_type, 2);
        assert_eq!(data[0].token_modifiers_bitset, 1);
    }
}
