# Turns a text file into a C++ source defining a string_view (see embargo_embed_text).
file(READ "${IN}" content HEX)
string(LENGTH "${content}" hexlen)
math(EXPR nbytes "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace embargo::internal {\nnamespace {\nconstexpr char ${SYMBOL}Bytes[] = {${bytes} 0};\n}\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}(${SYMBOL}Bytes, ${nbytes});\n}  // namespace embargo::internal\n")
