// ASCII case folding for keywords, header names and codes (not for names:
// those go through normalize/). Independent of the C locale.
// Thread-safety: pure functions.
#ifndef EMBARGO_MODEL_ASCII_H_
#define EMBARGO_MODEL_ASCII_H_

#include <string>
#include <string_view>

namespace embargo::internal {

// `s` with A-Z lowered; every other byte as it is.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace embargo::internal

#endif  // EMBARGO_MODEL_ASCII_H_
