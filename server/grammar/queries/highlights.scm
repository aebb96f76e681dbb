; Keywords: instructions, AS, HEALTHCHECK CMD/NONE.
(keyword) @keyword

(comment) @comment

(directive "#" @comment)
(directive name: (directive_name) @keyword.directive)
(directive value: (directive_value) @string.special)

(flag "--" @attribute)
(flag name: (flag_name) @attribute)
(flag value: (flag_value) @string)

(from_instruction image: (word) @type)
(from_instruction name: (word) @label)

(pair key: (word) @property)
(pair value: (word) @string)
"=" @operator

(json_string) @string
["[" "]"] @punctuation.bracket
"," @punctuation.delimiter

(heredoc_marker) @string.special
(heredoc_body) @string
(heredoc_end) @string.special

(line_continuation) @punctuation.special
