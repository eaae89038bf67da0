#include "eval/text_util.h"

#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

namespace embargo::eval {

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    int len = b < 0x80         ? 1
              : (b >> 5) == 6  ? 2
              : (b >> 4) == 14 ? 3
              : (b >> 3) == 30 ? 4
                               : 0;
    if (len == 0 || i + len > text.size()) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t c = len == 1   ? b
                 : len == 2 ? (b & 0x1F)
                 : len == 3 ? (b & 0x0F)
                            : (b & 0x07);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      auto cb = static_cast<unsigned char>(text[i + k]);
      if ((cb & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (cb & 0x3F);
    }
    if (!ok) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    out.push_back(c);
    i += len;
  }
  return out;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) AppendUtf8(c, &out);
  return out;
}

std::string_view ScriptName(Script script) {
  switch (script) {
    case Script::kNone:
      return "none";
    case Script::kLatin:
      return "Latin";
    case Script::kCyrillic:
      return "Cyrillic";
    case Script::kArabic:
      return "Arabic";
    case Script::kHangul:
      return "Hangul";
    case Script::kHan:
      return "Han";
    case Script::kOther:
      return "other";
  }
  return "other";
}

Script ScriptOf(char32_t c) {
  if (c < 0x80) {
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? Script::kLatin
                                                    : Script::kNone;
  }
  if (c < 0xC0) return Script::kNone;
  if (c <= 0x2AF)
    return (c == 0xD7 || c == 0xF7) ? Script::kNone : Script::kLatin;
  if (c < 0x370) return Script::kNone;  // modifiers, combining marks
  if (c >= 0x400 && c <= 0x52F) return Script::kCyrillic;
  if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) ||
      (c >= 0x8A0 && c <= 0x8FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
      (c >= 0xFE70 && c <= 0xFEFF)) {
    // Digits, punctuation and the tatweel say nothing about the script.
    if ((c >= 0x660 && c <= 0x66D) || (c >= 0x6F0 && c <= 0x6F9) ||
        c == 0x60C || c == 0x61B || c == 0x61F || c == 0x640 || c == 0xFEFF)
      return Script::kNone;
    return Script::kArabic;
  }
  if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
      (c >= 0x3130 && c <= 0x318F))
    return Script::kHangul;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0xF900 && c <= 0xFAFF))
    return Script::kHan;
  if (c >= 0x1E00 && c <= 0x1EFF) return Script::kLatin;
  if (c >= 0x2000 && c <= 0x2BFF) return Script::kNone;  // punctuation, symbols
  if (c >= 0x3000 && c <= 0x303F) return Script::kNone;
  if (c >= 0xFF00 && c <= 0xFFEF) {
    if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
      return Script::kLatin;
    return Script::kNone;
  }
  if (c == 0xFFFD) return Script::kNone;
  return Script::kOther;
}

Script DominantScript(std::string_view text) {
  std::array<int, 7> counts{};
  for (char32_t c : DecodeUtf8(text)) ++counts[static_cast<int>(ScriptOf(c))];
  int best = 0;
  for (int s = 1; s < 7; ++s)
    if (counts[s] > counts[best] || (best == 0 && counts[s] > 0)) best = s;
  return counts[best] == 0 ? Script::kNone : static_cast<Script>(best);
}

bool IsLatinText(std::string_view text) {
  bool any = false;
  for (char32_t c : DecodeUtf8(text)) {
    Script s = ScriptOf(c);
    if (s == Script::kNone) continue;
    if (s != Script::kLatin) return false;
    any = true;
  }
  return any;
}

std::string FoldForCompare(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    bool keep = c >= 0x80 || (c >= '0' && c <= '9') ||
                ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!keep) continue;  // punctuation is removed, not turned into a space
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : ch);
  }
  return out;
}

std::string PunctuationAsSpace(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && u > ' ' && !std::isalnum(u)) c = ' ';
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' ||
                               text[i] == '\n' || text[i] == '\r'))
      ++i;
    size_t j = i;
    while (j < text.size() && !(text[j] == ' ' || text[j] == '\t' ||
                                text[j] == '\n' || text[j] == '\r'))
      ++j;
    if (j > i) out.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string JoinWords(const std::vector<std::string>& words,
                      std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += separator;
    out += words[i];
  }
  return out;
}

bool IsAsciiAlpha(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word)
    if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return false;
  return true;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c & ~0x20);
  return out;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read failed");
  return ss.str();
}

Result<std::vector<std::vector<std::string>>> ReadCsv(const std::string& path,
                                                      char comment) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  std::string_view s = *text;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool at_line_start = true;
  size_t line = 1;
  size_t i = 0;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row.clear();
    at_line_start = true;
  };
  while (i < s.size()) {
    char c = s[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        quoted = false;
        ++i;
        continue;
      }
      if (c == '\n') ++line;
      field.push_back(c);
      ++i;
      continue;
    }
    if (at_line_start && comment != 0 && c == comment) {
      while (i < s.size() && s[i] != '\n') ++i;
      ++i;
      ++line;
      continue;
    }
    at_line_start = false;
    if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      end_row();
      ++line;
    } else if (c != '\r') {
      field.push_back(c);
    }
    ++i;
  }
  if (quoted)
    return Status::DataError(path + ":" + std::to_string(line) +
                             ": unterminated quoted field");
  if (!field.empty() || !row.empty()) end_row();
  return rows;
}

std::uint64_t Rng::Next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t SeedFor(std::uint64_t base, std::string_view name) {
  // FNV-1a over the name, mixed with the base seed.
  std::uint64_t h = 0xCBF29CE484222325ull ^ base;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

}  // namespace embargo::eval
