#include "trade/keywords.h"

#include <cstdint>

namespace embargo::internal {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

// Base letters of the Latin-1 Supplement and Latin Extended-A letters that
// port and region names use (McCune-Reischauer breves, accents). Anything
// else outside ASCII ends a token.
char FoldLatin(char32_t cp) {
  struct Range {
    char32_t first, last;
    char base;
  };
  static constexpr Range kRanges[] = {
      {0xC0, 0xC5, 'a'},   {0xC7, 0xC7, 'c'},   {0xC8, 0xCB, 'e'},
      {0xCC, 0xCF, 'i'},   {0xD1, 0xD1, 'n'},   {0xD2, 0xD6, 'o'},
      {0xD8, 0xD8, 'o'},   {0xD9, 0xDC, 'u'},   {0xDD, 0xDD, 'y'},
      {0xE0, 0xE5, 'a'},   {0xE7, 0xE7, 'c'},   {0xE8, 0xEB, 'e'},
      {0xEC, 0xEF, 'i'},   {0xF1, 0xF1, 'n'},   {0xF2, 0xF6, 'o'},
      {0xF8, 0xF8, 'o'},   {0xF9, 0xFC, 'u'},   {0xFD, 0xFD, 'y'},
      {0xFF, 0xFF, 'y'},   {0x100, 0x105, 'a'}, {0x106, 0x10D, 'c'},
      {0x10E, 0x111, 'd'}, {0x112, 0x11B, 'e'}, {0x11C, 0x123, 'g'},
      {0x124, 0x127, 'h'}, {0x128, 0x131, 'i'}, {0x134, 0x135, 'j'},
      {0x136, 0x137, 'k'}, {0x139, 0x142, 'l'}, {0x143, 0x148, 'n'},
      {0x14C, 0x151, 'o'}, {0x154, 0x159, 'r'}, {0x15A, 0x161, 's'},
      {0x162, 0x167, 't'}, {0x168, 0x173, 'u'}, {0x174, 0x175, 'w'},
      {0x176, 0x178, 'y'}, {0x179, 0x17E, 'z'},
  };
  for (const Range& r : kRanges)
    if (cp >= r.first && cp <= r.last) return r.base;
  return 0;
}

// Decodes one UTF-8 sequence at s[i]; returns its length (1 for bad bytes,
// with cp = 0xFFFD).
size_t Decode(std::string_view s, size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80           ? 1
               : (c >> 5) == 0x6  ? 2
               : (c >> 4) == 0xE  ? 3
               : (c >> 3) == 0x1E ? 4
                                  : 0;
  if (len == 0 || i + len > s.size()) {
    *cp = 0xFFFD;
    return 1;
  }
  if (len == 1) {
    *cp = c;
    return 1;
  }
  char32_t v = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (cc & 0x3F);
  }
  *cp = v;
  return len;
}

bool TokenMatches(const std::string& token, const std::string& word) {
  if (token == word) return true;
  if (token.size() == word.size() + 1 && token.back() == 's' &&
      token.compare(0, word.size(), word) == 0)
    return true;
  if (token.size() == word.size() + 2 &&
      token.compare(0, word.size(), word) == 0 &&
      token.compare(word.size(), 2, "es") == 0)
    return true;
  if (word.size() > 1 && word.back() == 'y' &&
      token.size() == word.size() + 2 &&
      token.compare(0, word.size() - 1, word, 0, word.size() - 1) == 0 &&
      token.compare(word.size() - 1, 3, "ies") == 0)
    return true;
  return false;
}

}  // namespace

std::vector<std::string> AsciiTokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) tokens.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t n = Decode(text, i, &cp);
    i += n;
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (IsAsciiAlnum(static_cast<unsigned char>(c))) {
        cur += Lower(c);
      } else if (c == '\'') {
        // Apostrophes inside romanized names join: Ch'ongjin -> chongjin.
      } else {
        flush();
      }
    } else if (char base = FoldLatin(cp); base != 0) {
      cur += base;
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
      // Typographic apostrophes join as well.
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

Keyword MakeKeyword(std::string language, std::string_view text) {
  Keyword k;
  k.language = std::move(language);
  k.text = std::string(text);
  bool ascii = true;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  if (ascii) {
    k.tokens = AsciiTokens(text);
  } else {
    for (char c : text) k.folded += Lower(c);
  }
  return k;
}

PreparedText PrepareText(std::string_view text) {
  PreparedText p;
  p.tokens = AsciiTokens(text);
  p.folded.reserve(text.size());
  for (char c : text) p.folded += Lower(c);
  return p;
}

bool KeywordMatches(const Keyword& keyword, const PreparedText& text) {
  if (!keyword.tokens.empty()) {
    const auto& kw = keyword.tokens;
    if (text.tokens.size() < kw.size()) return false;
    for (size_t i = 0; i + kw.size() <= text.tokens.size(); ++i) {
      bool all = true;
      for (size_t j = 0; j < kw.size() && all; ++j)
        all = TokenMatches(text.tokens[i + j], kw[j]);
      if (all) return true;
    }
    return false;
  }
  return !keyword.folded.empty() &&
         text.folded.find(keyword.folded) != std::string::npos;
}

}  // namespace embargo::internal
