from alpine:3.20
run echo one
copy a /a
