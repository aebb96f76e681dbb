// External scanner for the dockwise Dockerfile grammar.
//
// Docker's parser is line based with an escape character chosen by a directive, so nearly every
// token is produced here. Because every newline is consumed by one of our tokens, the serialized
// state always knows whether the next position is at the start of a line, inside a continuation
// or right after a comment line, which is what decides comments and heredoc bodies.

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

enum TokenType {
  NEWLINE,
  HEREDOC_NEWLINE,
  LINE_CONTINUATION,
  COMMENT,
  COMMENT_NEWLINE,
  DIRECTIVE_START,
  DIRECTIVE_NAME,
  DIRECTIVE_VALUE,
  KW_ADD,
  KW_ARG,
  KW_CMD,
  KW_COPY,
  KW_ENTRYPOINT,
  KW_ENV,
  KW_EXPOSE,
  KW_FROM,
  KW_HEALTHCHECK,
  KW_LABEL,
  KW_MAINTAINER,
  KW_ONBUILD,
  KW_RUN,
  KW_SHELL,
  KW_STOPSIGNAL,
  KW_USER,
  KW_VOLUME,
  KW_WORKDIR,
  KW_UNKNOWN,
  AS_KEYWORD,
  HEALTHCHECK_NONE,
  FLAG_DASHES,
  FLAG_NAME,
  FLAG_EQUALS,
  FLAG_VALUE,
  EXEC_START,
  NOT_EXEC,
  JSON_OPEN,
  JSON_CLOSE,
  JSON_COMMA,
  JSON_STRING,
  SHELL_FRAGMENT,
  HEREDOC_MARKER,
  HEREDOC_BODY,
  HEREDOC_END,
  WORD,
  PAIR_KEY,
  PAIR_EQUALS,
  PAIR_VALUE,
  ERROR_SENTINEL,
};

static const char *const KEYWORDS[] = {
    "add",     "arg",        "cmd",   "copy",      "entrypoint", "env",
    "expose",  "from",       "healthcheck", "label", "maintainer", "onbuild",
    "run",     "shell",      "stopsignal", "user",  "volume",     "workdir",
};
#define KEYWORD_COUNT 18

// Bounded so the state always fits TREE_SITTER_SERIALIZATION_BUFFER_SIZE (1024):
// 4 + 8 * (2 + 96) = 788 bytes at most.
#define MAX_HEREDOCS 8
#define MAX_DELIMITER 96
#define CLASSIFY_LEN 16

typedef struct {
  bool strip_tabs;
  uint8_t len;
  char delimiter[MAX_DELIMITER];
} Heredoc;

typedef struct {
  int32_t escape;
  bool at_line_start;
  bool in_continuation;
  bool after_comment;
  bool in_onbuild;
  uint8_t heredoc_count;
  Heredoc heredocs[MAX_HEREDOCS];
} Scanner;

// --- small helpers -------------------------------------------------------------------------

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static inline void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

// At the end of the input the lookahead is always 0, so `eof` (a call) is only asked then.
static inline bool at_eof(TSLexer *lexer) { return lexer->lookahead == 0 && lexer->eof(lexer); }

// Whitespace inside a line, as Go's unicode.IsSpace for the ASCII range plus the BOM.
static inline bool is_inline_space(int32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0xFEFF ||
         c == 0x85 || c == 0xA0;
}

static inline bool at_line_end(TSLexer *lexer) {
  return lexer->lookahead == '\n' || at_eof(lexer);
}

static inline bool is_alpha(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static inline int32_t lower(int32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int utf8_encode(int32_t c, char *out) {
  if (c < 0x80) {
    out[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

// A token that ended by consuming a newline leaves us at the start of a line.
static void set_line_state(Scanner *s, bool at_line_start, bool in_continuation) {
  s->at_line_start = at_line_start;
  s->in_continuation = in_continuation;
  s->after_comment = false;
}

static bool emit(Scanner *s, TSLexer *lexer, enum TokenType type) {
  lexer->result_symbol = type;
  set_line_state(s, false, s->in_continuation);
  return true;
}

// After the escape character: `[ \t]*` then `\r*` then a newline or EOF means a continuation.
// Consumes what it inspects; reports how many spaces followed the escape.
static bool continuation_follows(TSLexer *lexer, int *spaces) {
  *spaces = 0;
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t') {
    advance(lexer);
    (*spaces)++;
  }
  while (lexer->lookahead == '\r') {
    advance(lexer);
    (*spaces)++;
  }
  return at_line_end(lexer);
}

// Consumes whitespace-only lines (Docker skips them inside a continuation), marking the end after
// each one so the token stops at the start of the next line with content.
static void consume_blank_lines(TSLexer *lexer) {
  lexer->mark_end(lexer);
  for (;;) {
    while (is_inline_space(lexer->lookahead)) advance(lexer);
    if (at_eof(lexer) || lexer->lookahead != '\n') return;
    advance(lexer);
    lexer->mark_end(lexer);
  }
}

// In look-ahead only: after a continuation newline, skip blank and comment lines the way Docker
// does when it joins a logical line. Leaves the lexer on the first content character.
static void skip_joined_lines(TSLexer *lexer) {
  for (;;) {
    while (is_inline_space(lexer->lookahead)) advance(lexer);
    if (at_eof(lexer)) return;
    if (lexer->lookahead == '\n') {
      advance(lexer);
      continue;
    }
    if (lexer->lookahead == '#') {
      while (!at_line_end(lexer)) advance(lexer);
      if (!at_eof(lexer)) advance(lexer);
      continue;
    }
    return;
  }
}

// --- serialization -------------------------------------------------------------------------

void *tree_sitter_dockerfile_external_scanner_create(void) {
  Scanner *s = calloc(1, sizeof(Scanner));
  s->escape = '\\';
  s->at_line_start = true;
  return s;
}

void tree_sitter_dockerfile_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_dockerfile_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *s = payload;
  unsigned n = 0;
  buffer[n++] = (char)s->escape;
  buffer[n++] = (char)((s->at_line_start ? 1 : 0) | (s->in_continuation ? 2 : 0) |
                       (s->after_comment ? 4 : 0) | (s->in_onbuild ? 8 : 0));
  buffer[n++] = (char)s->heredoc_count;
  for (unsigned i = 0; i < s->heredoc_count; i++) {
    Heredoc *h = &s->heredocs[i];
    buffer[n++] = (char)h->strip_tabs;
    buffer[n++] = (char)h->len;
    memcpy(&buffer[n], h->delimiter, h->len);
    n += h->len;
  }
  return n;
}

void tree_sitter_dockerfile_external_scanner_deserialize(void *payload, const char *buffer,
                                                         unsigned length) {
  Scanner *s = payload;
  // Only the first `heredoc_count` heredocs are ever read, so the rest need no clearing.
  s->escape = '\\';
  s->at_line_start = true;
  s->in_continuation = false;
  s->after_comment = false;
  s->in_onbuild = false;
  s->heredoc_count = 0;
  if (length < 3) return;
  unsigned n = 0;
  s->escape = (unsigned char)buffer[n++];
  uint8_t flags = (uint8_t)buffer[n++];
  s->at_line_start = flags & 1;
  s->in_continuation = flags & 2;
  s->after_comment = flags & 4;
  s->in_onbuild = flags & 8;
  uint8_t count = (uint8_t)buffer[n++];
  for (unsigned i = 0; i < count && i < MAX_HEREDOCS && n + 2 <= length; i++) {
    Heredoc *h = &s->heredocs[i];
    h->strip_tabs = buffer[n++];
    h->len = (uint8_t)buffer[n++];
    if (h->len > MAX_DELIMITER || n + h->len > length) break;
    memcpy(h->delimiter, &buffer[n], h->len);
    n += h->len;
    s->heredoc_count = (uint8_t)(i + 1);
  }
}

// --- heredocs --------------------------------------------------------------------------------

static void pop_heredoc(Scanner *s) {
  if (s->heredoc_count == 0) return;
  memmove(&s->heredocs[0], &s->heredocs[1], sizeof(Heredoc) * (s->heredoc_count - 1));
  s->heredoc_count--;
}

// Reads the current line and tells whether it is the terminator of `h` (after trimming `\r`s and,
// for `<<-`, leading tabs). Consumes the delimiter part; on success the lexer is before `\r*\n`.
static bool line_is_terminator(TSLexer *lexer, const Heredoc *h) {
  if (h->strip_tabs) {
    while (lexer->lookahead == '\t') advance(lexer);
  }
  unsigned i = 0;
  while (i < h->len) {
    if (at_line_end(lexer)) return false;
    char buf[4];
    int len = utf8_encode(lexer->lookahead, buf);
    if (i + (unsigned)len > h->len || memcmp(&h->delimiter[i], buf, (size_t)len) != 0) return false;
    i += (unsigned)len;
    advance(lexer);
  }
  return lexer->lookahead == '\r' || at_line_end(lexer);
}

static void consume_line(TSLexer *lexer) {
  while (!at_line_end(lexer)) advance(lexer);
  if (!at_eof(lexer)) advance(lexer);
}

// Called at a line start while heredoc bodies are pending: the terminator line, or the body lines
// up to it (to EOF if it never comes: Docker then takes the rest of the file as the body).
static bool scan_heredoc(Scanner *s, TSLexer *lexer, const bool *valid_symbols) {
  Heredoc *h = &s->heredocs[0];
  if (at_eof(lexer)) {
    if (!valid_symbols[HEREDOC_BODY]) return false;
    s->heredoc_count = 0;
    lexer->mark_end(lexer);
    lexer->result_symbol = HEREDOC_BODY;
    set_line_state(s, true, false);
    return true;
  }
  if (line_is_terminator(lexer, h)) {
    if (!valid_symbols[HEREDOC_END]) return false;
    lexer->mark_end(lexer);
    pop_heredoc(s);
    lexer->result_symbol = HEREDOC_END;
    set_line_state(s, false, false);
    return true;
  }
  if (!valid_symbols[HEREDOC_BODY]) return false;
  for (;;) {
    consume_line(lexer);
    lexer->mark_end(lexer);
    if (at_eof(lexer)) {
      s->heredoc_count = 0;
      break;
    }
    if (line_is_terminator(lexer, h)) break;
  }
  lexer->result_symbol = HEREDOC_BODY;
  set_line_state(s, true, false);
  return true;
}

// Docker's heredoc word: `\d*<<-?` then a delimiter word without `<`. Called at a word start;
// consumes what it reads. On success the delimiter (quotes removed) is pushed as pending.
// `quote` receives the quote state at the point of failure so a caller can go on scanning.
static bool try_heredoc_marker(Scanner *s, TSLexer *lexer, int32_t *quote, bool *consumed) {
  *quote = 0;
  *consumed = false;
  while (is_digit(lexer->lookahead)) {
    advance(lexer);
    *consumed = true;
  }
  if (lexer->lookahead != '<') return false;
  advance(lexer);
  *consumed = true;
  if (lexer->lookahead != '<') return false;
  advance(lexer);
  bool strip_tabs = false;
  if (lexer->lookahead == '-') {
    strip_tabs = true;
    advance(lexer);
  }
  Heredoc h = {.strip_tabs = strip_tabs, .len = 0};
  bool fits = s->heredoc_count < MAX_HEREDOCS;
  bool any = false;
  int32_t q = 0;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (at_line_end(lexer)) break;
    if (q == 0 && is_inline_space(c)) break;
    if (c == '<') {
      *quote = q;
      return false;
    }
    if (c == s->escape && s->escape != '\\') {
      // A backtick escape at the line end continues the line: the word stops here.
      break;
    }
    any = true;
    if (q == 0 && (c == '"' || c == '\'')) {
      q = c;
      advance(lexer);
      continue;
    }
    if (q != 0 && c == q) {
      q = 0;
      advance(lexer);
      continue;
    }
    if (c == '\\' && q != '\'') {
      advance(lexer);
      if (at_line_end(lexer)) break;
      c = lexer->lookahead;
      if (c == '<') {
        *quote = q;
        return false;
      }
    }
    char buf[4];
    int len = utf8_encode(c, buf);
    if (h.len + len > MAX_DELIMITER) fits = false;
    else {
      memcpy(&h.delimiter[h.len], buf, (size_t)len);
      h.len += (uint8_t)len;
    }
    advance(lexer);
  }
  *quote = q;
  if (!any || !fits || q != 0) return false;
  s->heredocs[s->heredoc_count++] = h;
  return true;
}

// --- directives ------------------------------------------------------------------------------

// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with a known name. Called after the `#`.
// Sets the escape character when the directive is a valid `escape`.
static bool directive_follows(Scanner *s, TSLexer *lexer) {
  while (is_inline_space(lexer->lookahead)) advance(lexer);
  if (!is_alpha(lexer->lookahead)) return false;
  char name[12];
  unsigned len = 0;
  while (is_alpha(lexer->lookahead) || is_digit(lexer->lookahead)) {
    if (len < sizeof(name) - 1) name[len] = (char)lower(lexer->lookahead);
    len++;
    advance(lexer);
  }
  if (len >= sizeof(name)) return false;
  name[len] = 0;
  while (is_inline_space(lexer->lookahead)) advance(lexer);
  if (lexer->lookahead != '=') return false;
  advance(lexer);
  while (is_inline_space(lexer->lookahead)) advance(lexer);
  if (at_line_end(lexer)) return false;
  if (strcmp(name, "syntax") != 0 && strcmp(name, "escape") != 0 && strcmp(name, "check") != 0) {
    return false;
  }
  int32_t first = lexer->lookahead;
  unsigned value_len = 0;
  unsigned trailing_space = 0;
  while (!at_line_end(lexer)) {
    if (is_inline_space(lexer->lookahead)) trailing_space++;
    else {
      value_len += trailing_space + 1;
      trailing_space = 0;
    }
    advance(lexer);
  }
  if (strcmp(name, "escape") == 0 && value_len == 1 && (first == '\\' || first == '`')) {
    s->escape = first;
  }
  return true;
}

// --- JSON arrays -----------------------------------------------------------------------------

// Moves over a continuation (escape already consumed) in look-ahead mode.
static bool skip_continuation_tail(TSLexer *lexer) {
  int spaces;
  if (!continuation_follows(lexer, &spaces)) return false;
  if (!at_eof(lexer)) advance(lexer);
  skip_joined_lines(lexer);
  return true;
}

static bool is_hex(int32_t c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A JSON string starting at `"`, with Docker's line joining applied inside it.
static bool walk_json_string(Scanner *s, TSLexer *lexer) {
  if (lexer->lookahead != '"') return false;
  advance(lexer);
  for (;;) {
    if (at_line_end(lexer)) return false;
    int32_t c = lexer->lookahead;
    if (c == s->escape) {
      advance(lexer);
      int spaces;
      if (continuation_follows(lexer, &spaces)) {
        if (!at_eof(lexer)) advance(lexer);
        skip_joined_lines(lexer);
        continue;
      }
      if (c != '\\') continue;  // a backtick is an ordinary string character
      if (spaces > 0) return false;
      c = lexer->lookahead;
      if (c == 'u') {
        advance(lexer);
        for (int i = 0; i < 4; i++) {
          if (!is_hex(lexer->lookahead)) return false;
          advance(lexer);
        }
        continue;
      }
      if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
          c == 't') {
        advance(lexer);
        continue;
      }
      return false;
    }
    if (c == '\\') {
      advance(lexer);
      c = lexer->lookahead;
      if (c == 'u') {
        advance(lexer);
        for (int i = 0; i < 4; i++) {
          if (!is_hex(lexer->lookahead)) return false;
          advance(lexer);
        }
        continue;
      }
      if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
          c == 't') {
        advance(lexer);
        continue;
      }
      return false;
    }
    if (c == '"') {
      advance(lexer);
      return true;
    }
    if (c < 0x20) return false;
    advance(lexer);
  }
}

// Skips JSON whitespace and continuations; false on anything else that is not a token start.
static bool skip_json_space(Scanner *s, TSLexer *lexer) {
  for (;;) {
    int32_t c = lexer->lookahead;
    if (c == ' ' || c == '\t' || c == '\r') {
      advance(lexer);
    } else if (c == s->escape && !at_eof(lexer)) {
      advance(lexer);
      if (!skip_continuation_tail(lexer)) return false;
    } else {
      return true;
    }
  }
}

// Docker runs the arguments as exec form when the whole rest of the logical line is a JSON array
// of strings. Called on `[`; reads ahead over the logical line.
static bool exec_form_follows(Scanner *s, TSLexer *lexer) {
  advance(lexer);  // [
  if (!skip_json_space(s, lexer)) return false;
  if (lexer->lookahead == ']') {
    advance(lexer);
  } else {
    for (;;) {
      if (!walk_json_string(s, lexer)) return false;
      if (!skip_json_space(s, lexer)) return false;
      if (lexer->lookahead == ',') {
        advance(lexer);
        if (!skip_json_space(s, lexer)) return false;
        continue;
      }
      if (lexer->lookahead != ']') return false;
      advance(lexer);
      break;
    }
  }
  for (;;) {
    while (is_inline_space(lexer->lookahead)) advance(lexer);
    if (at_line_end(lexer)) return true;
    if (lexer->lookahead != s->escape) return false;
    advance(lexer);
    if (!skip_continuation_tail(lexer)) return false;
  }
}

// --- words and shell text --------------------------------------------------------------------

typedef struct {
  bool any;           // characters already consumed belong to the token
  bool escaped_next;  // the escape character was consumed: the next character is literal
} Prefix;

typedef enum { WORD_PLAIN, WORD_STOP_AT_EQUALS } WordMode;

typedef struct {
  char classify[CLASSIFY_LEN + 1];  // lower-cased start of the word, for AS / CMD / NONE
  unsigned len;
  bool stopped_at_equals;
  bool is_marker;
} WordInfo;

// One word of Docker's word splitter (quotes group, the escape character escapes), on this
// physical line. With `allow_marker`, a word that is a heredoc marker is reported as such.
static bool scan_word(Scanner *s, TSLexer *lexer, Prefix prefix, WordMode mode, bool allow_marker,
                      WordInfo *info) {
  memset(info, 0, sizeof(*info));
  if (prefix.any) info->len = CLASSIFY_LEN + 1;
  bool any = prefix.any;
  bool escaped_next = prefix.escaped_next;
  int32_t quote = 0;
  if (!any && !escaped_next && allow_marker &&
      (is_digit(lexer->lookahead) || lexer->lookahead == '<')) {
    bool consumed;
    if (try_heredoc_marker(s, lexer, &quote, &consumed)) {
      lexer->mark_end(lexer);
      info->is_marker = true;
      return true;
    }
    if (consumed) {
      any = true;
      info->len = CLASSIFY_LEN + 1;  // never a keyword
      lexer->mark_end(lexer);
    }
  }
  // Characters of the token are consumed without marking; the end is marked before anything that
  // may not belong to the token is consumed, and when the loop ends.
  bool unmarked = false;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (at_line_end(lexer)) break;
    if (escaped_next) {
      escaped_next = false;
      advance(lexer);
      unmarked = true;
      any = true;
      info->len = CLASSIFY_LEN + 1;
      continue;
    }
    if (quote == 0 && is_inline_space(c)) break;
    if (c == s->escape) {
      if (unmarked) lexer->mark_end(lexer);
      unmarked = false;
      advance(lexer);
      int spaces;
      if (continuation_follows(lexer, &spaces)) break;
      if (quote == '\'') {
        // No escaping inside single quotes: the escape and spaces were ordinary characters.
      } else if (spaces == 0) {
        escaped_next = true;
      }
      lexer->mark_end(lexer);
      any = true;
      info->len = CLASSIFY_LEN + 1;
      if (spaces > 0 && quote == 0) break;
      continue;
    }
    if (mode == WORD_STOP_AT_EQUALS && c == '=') {
      info->stopped_at_equals = true;
      break;
    }
    if (quote == 0 && (c == '"' || c == '\'')) quote = c;
    else if (quote != 0 && c == quote) quote = 0;
    if (info->len < CLASSIFY_LEN) info->classify[info->len] = (char)lower(c);
    info->len++;
    advance(lexer);
    unmarked = true;
    any = true;
  }
  if (unmarked) lexer->mark_end(lexer);
  if (info->len <= CLASSIFY_LEN) info->classify[info->len] = 0;
  else info->classify[0] = 0;
  return any;
}

// Shell text up to the end of this physical line or a continuation. With `allow_marker`, stops
// before a heredoc marker word (or returns the marker when it comes first).
static bool scan_shell(Scanner *s, TSLexer *lexer, const bool *valid_symbols, Prefix prefix,
                       bool allow_marker) {
  bool any = prefix.any;
  bool escaped_next = prefix.escaped_next;
  bool at_word_start = !any && !escaped_next;
  int32_t quote = 0;
  // Characters of the token are consumed without marking; the end is marked before anything that
  // may not belong to the token is consumed, and when the loop ends.
  bool unmarked = false;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (at_line_end(lexer)) break;
    if (escaped_next) {
      escaped_next = false;
      advance(lexer);
      unmarked = true;
      any = true;
      at_word_start = false;
      continue;
    }
    if (c == s->escape) {
      if (unmarked) lexer->mark_end(lexer);
      unmarked = false;
      advance(lexer);
      int spaces;
      if (continuation_follows(lexer, &spaces)) break;
      if (spaces == 0 && quote != '\'') escaped_next = true;
      lexer->mark_end(lexer);
      any = true;
      at_word_start = spaces > 0 && quote == 0;
      continue;
    }
    if (quote == 0 && is_inline_space(c)) {
      if (unmarked) lexer->mark_end(lexer);
      unmarked = false;
      advance(lexer);
      at_word_start = true;
      continue;
    }
    if (at_word_start && quote == 0 && allow_marker && (is_digit(c) || c == '<')) {
      if (unmarked) lexer->mark_end(lexer);
      unmarked = false;
      bool consumed;
      if (any) {
        // The fragment ends before the marker; the next call returns the marker itself.
        uint8_t count = s->heredoc_count;
        if (try_heredoc_marker(s, lexer, &quote, &consumed)) {
          s->heredoc_count = count;
          break;
        }
      } else if (try_heredoc_marker(s, lexer, &quote, &consumed)) {
        lexer->mark_end(lexer);
        lexer->result_symbol = HEREDOC_MARKER;
        set_line_state(s, false, s->in_continuation);
        return valid_symbols[HEREDOC_MARKER];
      }
      at_word_start = false;
      if (consumed) {
        lexer->mark_end(lexer);
        any = true;
      }
      continue;
    }
    at_word_start = false;
    if (quote == 0 && (c == '"' || c == '\'')) quote = c;
    else if (quote != 0 && c == quote) quote = 0;
    else if (quote == '"' && c == '\\') {
      if (unmarked) lexer->mark_end(lexer);
      unmarked = false;
      advance(lexer);
      if (at_line_end(lexer)) break;
    }
    advance(lexer);
    unmarked = true;
    any = true;
  }
  if (unmarked) lexer->mark_end(lexer);
  if (!any) return false;
  return emit(s, lexer, SHELL_FRAGMENT);
}

// --- keywords --------------------------------------------------------------------------------

static bool any_keyword_valid(const bool *valid_symbols) {
  for (int i = KW_ADD; i <= KW_UNKNOWN; i++) {
    if (valid_symbols[i]) return true;
  }
  return false;
}

// The instruction keyword: everything up to whitespace, as Docker splits it.
static bool scan_keyword(Scanner *s, TSLexer *lexer, const bool *valid_symbols) {
  if (!is_alpha(lexer->lookahead)) return false;
  char word[CLASSIFY_LEN + 1];
  unsigned len = 0;
  while (!at_line_end(lexer) && !is_inline_space(lexer->lookahead) &&
         lexer->lookahead != s->escape) {
    if (len < CLASSIFY_LEN) word[len] = (char)lower(lexer->lookahead);
    len++;
    advance(lexer);
  }
  lexer->mark_end(lexer);
  int symbol = KW_UNKNOWN;
  if (len <= CLASSIFY_LEN) {
    word[len] = 0;
    for (int i = 0; i < KEYWORD_COUNT; i++) {
      if (strcmp(word, KEYWORDS[i]) == 0) {
        symbol = KW_ADD + i;
        break;
      }
    }
  }
  if (!valid_symbols[symbol]) {
    if (!valid_symbols[KW_UNKNOWN]) return false;
    symbol = KW_UNKNOWN;
  }
  lexer->result_symbol = symbol;
  set_line_state(s, false, s->in_continuation);
  s->in_onbuild = s->in_onbuild || symbol == KW_ONBUILD;
  return true;
}

// --- the scan entry point --------------------------------------------------------------------

static bool scan_newline(Scanner *s, TSLexer *lexer, const bool *valid_symbols) {
  advance(lexer);
  lexer->mark_end(lexer);
  if (s->after_comment && valid_symbols[COMMENT_NEWLINE]) {
    consume_blank_lines(lexer);
    lexer->result_symbol = COMMENT_NEWLINE;
    set_line_state(s, true, true);
    return true;
  }
  s->in_onbuild = false;
  if (s->heredoc_count > 0 && valid_symbols[HEREDOC_NEWLINE] && !valid_symbols[ERROR_SENTINEL]) {
    lexer->result_symbol = HEREDOC_NEWLINE;
    set_line_state(s, true, false);
    return true;
  }
  if (!valid_symbols[NEWLINE]) return false;
  s->heredoc_count = 0;
  lexer->result_symbol = NEWLINE;
  set_line_state(s, true, false);
  return true;
}

static bool scan_comment(Scanner *s, TSLexer *lexer) {
  bool in_continuation = s->in_continuation;
  // The token ends after the last character that is not `\r`; marking is deferred to just
  // before a `\r` (or the end) instead of after every character.
  bool unmarked = false;
  while (!at_line_end(lexer)) {
    int32_t c = lexer->lookahead;
    if (c == '\r') {
      if (unmarked) lexer->mark_end(lexer);
      unmarked = false;
    } else {
      unmarked = true;
    }
    advance(lexer);
  }
  if (unmarked) lexer->mark_end(lexer);
  lexer->result_symbol = COMMENT;
  set_line_state(s, false, in_continuation);
  s->after_comment = in_continuation;
  return true;
}

static bool scan_error_recovery(Scanner *s, TSLexer *lexer, const bool *valid_symbols) {
  // Only what lets the parser resynchronise at a line start; never zero-width tokens.
  bool line_start = lexer->get_column(lexer) == 0;
  while (is_inline_space(lexer->lookahead)) skip(lexer);
  if (at_eof(lexer)) return false;
  int32_t c = lexer->lookahead;
  if (c == '\n') {
    s->after_comment = false;
    s->heredoc_count = 0;
    return scan_newline(s, lexer, valid_symbols);
  }
  if (!line_start) return false;
  if (c == '#') return scan_comment(s, lexer);
  return scan_keyword(s, lexer, valid_symbols);
}

bool tree_sitter_dockerfile_external_scanner_scan(void *payload, TSLexer *lexer,
                                                  const bool *valid_symbols) {
  Scanner *s = payload;
  if (valid_symbols[ERROR_SENTINEL]) return scan_error_recovery(s, lexer, valid_symbols);

  if (s->heredoc_count > 0 && s->at_line_start &&
      (valid_symbols[HEREDOC_BODY] || valid_symbols[HEREDOC_END])) {
    return scan_heredoc(s, lexer, valid_symbols);
  }

  if (valid_symbols[DIRECTIVE_NAME] || valid_symbols[DIRECTIVE_VALUE]) {
    while (lexer->lookahead == ' ' || lexer->lookahead == '\t') skip(lexer);
    if (valid_symbols[DIRECTIVE_NAME] && is_alpha(lexer->lookahead)) {
      while (is_alpha(lexer->lookahead) || is_digit(lexer->lookahead)) advance(lexer);
      return emit(s, lexer, DIRECTIVE_NAME);
    }
    if (valid_symbols[DIRECTIVE_VALUE] && !at_line_end(lexer)) {
      while (!at_line_end(lexer)) {
        bool space = is_inline_space(lexer->lookahead);
        advance(lexer);
        if (!space) lexer->mark_end(lexer);
      }
      return emit(s, lexer, DIRECTIVE_VALUE);
    }
    return false;
  }

  // Tokens glued to the previous one: no whitespace skipped.
  int32_t c = lexer->lookahead;
  if (valid_symbols[FLAG_NAME] && !at_line_end(lexer) && !is_inline_space(c) && c != '=') {
    while (!at_line_end(lexer) && !is_inline_space(lexer->lookahead) && lexer->lookahead != '=' &&
           lexer->lookahead != s->escape) {
      advance(lexer);
    }
    lexer->mark_end(lexer);
    return emit(s, lexer, FLAG_NAME);
  }
  if ((valid_symbols[FLAG_EQUALS] || valid_symbols[PAIR_EQUALS]) && c == '=') {
    advance(lexer);
    lexer->mark_end(lexer);
    return emit(s, lexer, valid_symbols[FLAG_EQUALS] ? FLAG_EQUALS : PAIR_EQUALS);
  }
  if ((valid_symbols[FLAG_VALUE] || valid_symbols[PAIR_VALUE]) && !at_line_end(lexer) &&
      !is_inline_space(c) && c != s->escape) {
    Prefix none = {false, false};
    WordInfo info;
    if (scan_word(s, lexer, none, WORD_PLAIN, false, &info)) {
      return emit(s, lexer, valid_symbols[FLAG_VALUE] ? FLAG_VALUE : PAIR_VALUE);
    }
    return false;
  }

  bool glued = true;  // nothing skipped: a flag or pair value may still start here
  while (is_inline_space(lexer->lookahead)) {
    skip(lexer);
    glued = false;
  }
  c = lexer->lookahead;
  if (at_eof(lexer)) return false;

  if (c == '\n') {
    return scan_newline(s, lexer, valid_symbols);
  }

  if (c == '#' && s->at_line_start) {
    if (valid_symbols[DIRECTIVE_START]) {
      advance(lexer);
      lexer->mark_end(lexer);
      int32_t escape = s->escape;
      if (directive_follows(s, lexer)) {
        lexer->result_symbol = DIRECTIVE_START;
        set_line_state(s, false, false);
        return true;
      }
      s->escape = escape;
      // Not a directive: what the look-ahead read is part of the comment.
      lexer->mark_end(lexer);
    }
    if (!valid_symbols[COMMENT]) return false;
    return scan_comment(s, lexer);
  }

  Prefix prefix = {false, false};
  if (c == s->escape) {
    advance(lexer);
    int spaces;
    if (continuation_follows(lexer, &spaces)) {
      if (!valid_symbols[LINE_CONTINUATION]) return false;
      if (!at_eof(lexer)) advance(lexer);
      consume_blank_lines(lexer);
      lexer->result_symbol = LINE_CONTINUATION;
      set_line_state(s, true, true);
      return true;
    }
    prefix.any = true;
    prefix.escaped_next = spaces == 0;
    lexer->mark_end(lexer);
    if (spaces > 0 && valid_symbols[WORD] && !valid_symbols[SHELL_FRAGMENT]) {
      return emit(s, lexer, WORD);
    }
  }

  if (!prefix.any) {
    if (c == '[' && valid_symbols[EXEC_START]) {
      lexer->mark_end(lexer);
      bool exec = exec_form_follows(s, lexer);
      if (exec) return emit(s, lexer, EXEC_START);
      if (!valid_symbols[NOT_EXEC]) return false;
      return emit(s, lexer, NOT_EXEC);
    }
    if (c == '[' && valid_symbols[JSON_OPEN]) {
      advance(lexer);
      lexer->mark_end(lexer);
      return emit(s, lexer, JSON_OPEN);
    }
    if (c == ']' && valid_symbols[JSON_CLOSE]) {
      advance(lexer);
      lexer->mark_end(lexer);
      return emit(s, lexer, JSON_CLOSE);
    }
    if (c == ',' && valid_symbols[JSON_COMMA]) {
      advance(lexer);
      lexer->mark_end(lexer);
      return emit(s, lexer, JSON_COMMA);
    }
    if (c == '"' && valid_symbols[JSON_STRING]) {
      if (!walk_json_string(s, lexer)) return false;
      lexer->mark_end(lexer);
      return emit(s, lexer, JSON_STRING);
    }
    if (c == '-' && valid_symbols[FLAG_DASHES]) {
      advance(lexer);
      prefix.any = true;
      if (lexer->lookahead == '-') {
        advance(lexer);
        int32_t next = lexer->lookahead;
        if (!at_line_end(lexer) && !is_inline_space(next) && next != '=' && next != s->escape) {
          lexer->mark_end(lexer);
          return emit(s, lexer, FLAG_DASHES);
        }
      }
      lexer->mark_end(lexer);
    }
    if (!prefix.any && valid_symbols[KW_UNKNOWN]) {
      return scan_keyword(s, lexer, valid_symbols);
    }
  }

  if (valid_symbols[SHELL_FRAGMENT]) {
    bool allow_marker = valid_symbols[HEREDOC_MARKER] && !s->in_onbuild;
    return scan_shell(s, lexer, valid_symbols, prefix, allow_marker);
  }

  bool keyword_word = valid_symbols[KW_CMD] || valid_symbols[AS_KEYWORD] ||
                      valid_symbols[HEALTHCHECK_NONE];
  int glued_value = -1;
  if (glued && valid_symbols[FLAG_VALUE]) glued_value = FLAG_VALUE;
  else if (glued && valid_symbols[PAIR_VALUE]) glued_value = PAIR_VALUE;
  if (valid_symbols[WORD] || valid_symbols[PAIR_KEY] || keyword_word || glued_value >= 0) {
    bool allow_marker = valid_symbols[HEREDOC_MARKER] && !s->in_onbuild;
    WordMode mode =
        valid_symbols[PAIR_KEY] && glued_value < 0 ? WORD_STOP_AT_EQUALS : WORD_PLAIN;
    if (mode == WORD_STOP_AT_EQUALS && !prefix.any && c == '=' && valid_symbols[PAIR_EQUALS]) {
      advance(lexer);
      lexer->mark_end(lexer);
      return emit(s, lexer, PAIR_EQUALS);
    }
    WordInfo info;
    if (!scan_word(s, lexer, prefix, mode, allow_marker, &info)) return false;
    if (glued_value >= 0) return emit(s, lexer, (enum TokenType)glued_value);
    if (info.is_marker) return emit(s, lexer, HEREDOC_MARKER);
    if (info.stopped_at_equals) return emit(s, lexer, PAIR_KEY);
    if (valid_symbols[KW_CMD] && strcmp(info.classify, "cmd") == 0) {
      return emit(s, lexer, KW_CMD);
    }
    if (valid_symbols[HEALTHCHECK_NONE] && strcmp(info.classify, "none") == 0) {
      return emit(s, lexer, HEALTHCHECK_NONE);
    }
    if (valid_symbols[AS_KEYWORD] && strcmp(info.classify, "as") == 0) {
      return emit(s, lexer, AS_KEYWORD);
    }
    if (!valid_symbols[WORD]) return false;
    return emit(s, lexer, WORD);
  }
  return false;
}
