FROM alpine
RUN <<EOF
#!/bin/sh
# not a comment: body content
echo hello
EOF
RUN python3 <<'PY'
print("$HOME stays")
PY
RUN cat <<EOF > /file
content $VAR
EOF
COPY <<a.txt <<"b.txt" /dst/
first
a.txt
second
b.txt
RUN <<-EOT bash
	echo tabs stripped
	EOT
RUN 2<<EOF cat <<< here-string << notamarker
x
EOF
COPY --chmod=755 <<EOF /usr/local/bin/run
#!/bin/sh
EOF
CMD ["run"]
