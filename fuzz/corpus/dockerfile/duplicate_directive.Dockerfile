# syntax=a
# SYNTAX=b
# escape=x
FROM scratch
