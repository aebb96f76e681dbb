/**
 * dockwise Dockerfile grammar.
 *
 * Docker reads a Dockerfile line by line with a context-dependent escape character, so almost
 * every token comes from the external scanner (src/scanner.c): it knows the escape character,
 * line continuations, comment lines (only at line start), heredoc bodies and whether an argument
 * is a valid JSON array. The grammar only arranges those tokens into instructions; semantic
 * checks (argument counts, unknown flags) belong to the Rust layer.
 */

const KEYWORDS = [
  'add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label',
  'maintainer', 'onbuild', 'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir',
];

const kw = ($, name) => field('keyword', alias($['_kw_' + name], $.keyword));

module.exports = grammar({
  name: 'dockerfile',

  externals: $ => [
    $._newline,
    $._heredoc_newline,
    $.line_continuation,
    $.comment,
    $._comment_newline,
    $._directive_start,
    $.directive_name,
    $.directive_value,
    ...KEYWORDS.map(name => $['_kw_' + name]),
    $._kw_unknown,
    $._as_keyword,
    $._healthcheck_none,
    $._flag_dashes,
    $.flag_name,
    $._flag_equals,
    $.flag_value,
    $._exec_start,
    $._not_exec,
    $._json_open,
    $._json_close,
    $._json_comma,
    $.json_string,
    $.shell_fragment,
    $.heredoc_marker,
    $.heredoc_body,
    $.heredoc_end,
    $.word,
    $._pair_key,
    $._pair_equals,
    $._pair_value,
    $._error_sentinel,
  ],

  extras: $ => [/[ \t\r\f\v]/, $.line_continuation, $.comment, $._comment_newline],

  rules: {
    source_file: $ => seq(
      repeat(seq($.directive, $._newline)),
      choice(
        $.directive,
        seq(repeat(seq(optional($._instruction), $._newline)), optional($._instruction)),
      ),
    ),

    directive: $ => seq(
      alias($._directive_start, '#'),
      field('name', $.directive_name),
      // An internal token: without any, the generated lexer would read unknown text as EOF.
      '=',
      field('value', $.directive_value),
    ),

    _instruction: $ => choice(
      $.add_instruction,
      $.arg_instruction,
      $.cmd_instruction,
      $.copy_instruction,
      $.entrypoint_instruction,
      $.env_instruction,
      $.expose_instruction,
      $.from_instruction,
      $.healthcheck_instruction,
      $.label_instruction,
      $.maintainer_instruction,
      $.onbuild_instruction,
      $.run_instruction,
      $.shell_instruction,
      $.stopsignal_instruction,
      $.user_instruction,
      $.volume_instruction,
      $.workdir_instruction,
      $.unknown_instruction,
    ),

    flag: $ => seq(
      alias($._flag_dashes, '--'),
      field('name', $.flag_name),
      optional(seq(alias($._flag_equals, '='), optional(field('value', $.flag_value)))),
    ),
    _flags: $ => repeat1(field('flag', $.flag)),

    from_instruction: $ => seq(
      kw($, 'from'),
      optional($._flags),
      optional(seq(
        field('image', $.word),
        optional(choice(
          seq(
            field('as', alias($._as_keyword, $.keyword)),
            optional(seq(field('name', $.word), repeat($.word))),
          ),
          repeat1($.word),
        )),
      )),
    ),

    run_instruction: $ => seq(
      kw($, 'run'),
      optional($._flags),
      optional(field('command', choice($.json_array, alias($._heredoc_shell_command, $.shell_command)))),
      optional($._heredocs),
    ),
    cmd_instruction: $ => seq(kw($, 'cmd'), optional($._flags), optional($._exec_or_shell)),
    entrypoint_instruction: $ => seq(kw($, 'entrypoint'), optional($._flags), optional($._exec_or_shell)),
    shell_instruction: $ => seq(kw($, 'shell'), optional($._flags), optional($._exec_or_shell)),

    copy_instruction: $ => seq(
      kw($, 'copy'),
      optional($._flags),
      optional(choice($.json_array, $._heredoc_words)),
      optional($._heredocs),
    ),
    add_instruction: $ => seq(
      kw($, 'add'),
      optional($._flags),
      optional(choice($.json_array, $._heredoc_words)),
      optional($._heredocs),
    ),
    volume_instruction: $ => seq(
      kw($, 'volume'),
      optional($._flags),
      optional(choice($.json_array, seq(optional($._not_exec), repeat1($.word)))),
    ),

    env_instruction: $ => seq(kw($, 'env'), optional($._flags), repeat($._pair_or_word)),
    label_instruction: $ => seq(kw($, 'label'), optional($._flags), repeat($._pair_or_word)),
    arg_instruction: $ => seq(kw($, 'arg'), optional($._flags), repeat($._pair_or_word)),

    expose_instruction: $ => seq(kw($, 'expose'), optional($._flags), repeat($.word)),
    user_instruction: $ => seq(kw($, 'user'), optional($._flags), repeat($.word)),
    workdir_instruction: $ => seq(kw($, 'workdir'), optional($._flags), repeat($.word)),
    stopsignal_instruction: $ => seq(kw($, 'stopsignal'), optional($._flags), repeat($.word)),
    maintainer_instruction: $ => seq(kw($, 'maintainer'), optional($._flags), repeat($.word)),
    unknown_instruction: $ => seq(
      field('keyword', alias($._kw_unknown, $.keyword)),
      optional($._flags),
      repeat($.word),
    ),

    onbuild_instruction: $ => seq(
      kw($, 'onbuild'),
      optional($._flags),
      optional(field('trigger', $._instruction)),
    ),

    healthcheck_instruction: $ => seq(
      kw($, 'healthcheck'),
      optional($._flags),
      optional(choice(
        seq(field('kind', alias($._kw_cmd, $.keyword)), optional($._exec_or_shell)),
        seq(field('kind', alias($._healthcheck_none, $.keyword)), repeat($.word)),
        repeat1($.word),
      )),
    ),

    _exec_or_shell: $ => field('command', choice($.json_array, $.shell_command)),

    json_array: $ => seq(
      $._exec_start,
      alias($._json_open, '['),
      optional(seq($.json_string, repeat(seq(alias($._json_comma, ','), $.json_string)))),
      alias($._json_close, ']'),
    ),

    shell_command: $ => seq(optional($._not_exec), repeat1($.shell_fragment)),
    _heredoc_shell_command: $ => seq(
      optional($._not_exec),
      repeat1(choice($.shell_fragment, $.heredoc_marker)),
    ),
    _heredoc_words: $ => seq(optional($._not_exec), repeat1(choice($.word, $.heredoc_marker))),

    _heredocs: $ => repeat1(seq($._heredoc_newline, $.heredoc)),
    heredoc: $ => choice(
      seq(field('body', $.heredoc_body), optional(field('end', $.heredoc_end))),
      field('end', $.heredoc_end),
    ),

    _pair_or_word: $ => choice($.pair, $.word),
    pair: $ => seq(
      optional(field('key', alias($._pair_key, $.word))),
      alias($._pair_equals, '='),
      optional(field('value', alias($._pair_value, $.word))),
    ),
  },
});
