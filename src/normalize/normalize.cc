#include "normalize/normalize.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize/tables.h"
#include "normalize/transliterate.h"

namespace embargo::internal {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

bool AllLetters(std::string_view s) {
  for (char c : s) {
    if (c < 'a' || c > 'z') return false;
  }
  return !s.empty();
}

bool AnyMatch(const PhraseTable& table,
              const std::vector<std::string_view>& seg, std::size_t from = 0) {
  for (std::size_t i = from; i < seg.size(); ++i) {
    if (table.Match(seg, i, nullptr) > 0) return true;
  }
  return false;
}

// A trailing comma part that is no given name: "INC.", "LTD", "THE", "JR.".
bool IsTailSegment(const Tables& t, const std::vector<std::string_view>& seg) {
  for (std::size_t i = 0; i < seg.size();) {
    int len = t.legal.Match(seg, i, nullptr);
    if (len == 0) len = t.honorific_suffix.Match(seg, i, nullptr);
    if (len == 0 && seg[i] == "the") len = 1;
    if (len == 0) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

// "SURNAME, Given Names" -> may the two parts swap? Only for the shape of a
// person's name: a short surname part and 1-3 given names, no legal forms,
// generic words or numbers on either side ("BANK OF X, THE", "ACME, INC."
// and "MINISTRY OF DEFENCE, IRAN" stay as they are).
bool LooksLikeSurnameFirst(const Tables& t,
                           const std::vector<std::string_view>& surname,
                           const std::vector<std::string_view>& given) {
  std::size_t g = 0;  // skip leading titles: "SMITH, Dr. John"
  while (g < given.size()) {
    int len = t.honorific_prefix.Match(given, g, nullptr);
    if (len == 0) break;
    g += static_cast<std::size_t>(len);
  }
  std::size_t given_names = given.size() - g;
  if (given_names < 1 || given_names > 3) return false;
  std::size_t surname_names = 0;
  for (std::string_view s : surname) {
    if (t.particles.find(s) == t.particles.end()) ++surname_names;
  }
  if (surname.empty() || surname.size() > 4 || surname_names < 1 ||
      surname_names > 3) {
    return false;
  }
  for (const auto* part : {&surname, &given}) {
    for (std::string_view s : *part) {
      if (!AllLetters(s)) return false;
    }
    if (AnyMatch(t.legal, *part) || AnyMatch(t.generic, *part)) return false;
  }
  return true;
}

// Reorders "LAST, First[, Jr.]" in place; the comma parts are flattened.
void Reorder(const Tables& t, const std::vector<int>& segments,
             std::vector<NameToken>* tokens) {
  if (segments.empty() || segments.back() < 1) return;
  const auto parts = static_cast<std::size_t>(segments.back()) + 1;
  std::vector<std::vector<std::string_view>> seg(parts);
  for (std::size_t i = 0; i < tokens->size(); ++i) {
    seg[static_cast<std::size_t>(segments[i])].push_back((*tokens)[i].text);
  }
  std::size_t head = parts;
  while (head > 1 && IsTailSegment(t, seg[head - 1])) --head;
  if (head != 2 || !LooksLikeSurnameFirst(t, seg[0], seg[1])) return;
  // The parts are contiguous: given names (part 1) before the surname (0).
  const std::size_t a = seg[0].size(), b = seg[1].size();
  std::rotate(tokens->begin(), tokens->begin() + static_cast<std::ptrdiff_t>(a),
              tokens->begin() + static_cast<std::ptrdiff_t>(a + b));
}

constexpr TokenRole kUnset = static_cast<TokenRole>(255);

// Roles and keys for the tokens of one name, in priority order: numbers,
// sun-letter articles, legal forms, leading titles, trailing suffixes,
// particles, generic words; the rest are initials (one letter) or names.
void AssignRoles(const Tables& t, std::vector<NameToken>* out) {
  const std::size_t n = out->size();
  // Per-thread scratch, so a name costs no allocation beyond its tokens.
  thread_local std::vector<std::string_view> tok;
  thread_local std::vector<const TokenInfo*> info;
  thread_local std::vector<TokenRole> role;
  tok.clear();
  info.assign(n, nullptr);
  role.assign(n, kUnset);
  for (std::size_t i = 0; i < n; ++i) {
    tok.push_back((*out)[i].text);
    auto it = t.token_info.find(tok[i]);
    if (it != t.token_info.end()) info[i] = &it->second;
  }
  auto set = [&](std::size_t i, TokenRole r, std::string_view key) {
    role[i] = r;
    (*out)[i].key.assign(key);
  };
  auto mark = [&](std::size_t i, int len, TokenRole r, const Phrase* p) {
    for (std::size_t k = i; k < i + static_cast<std::size_t>(len); ++k) {
      set(k, r, len == 1 ? std::string_view(p->canonical) : tok[k]);
    }
  };
  auto unset = [&](std::size_t i, int len) {
    for (std::size_t k = i; k < i + static_cast<std::size_t>(len); ++k) {
      if (role[k] != kUnset) return false;
    }
    return true;
  };
  auto match = [&](const std::vector<Phrase>* TokenInfo::*table, std::size_t i,
                   const Phrase** p) {
    if (info[i] == nullptr || info[i]->*table == nullptr) return 0;
    return MatchPhrases(*(info[i]->*table), tok, i, p);
  };

  for (std::size_t i = 0; i < n; ++i) {
    if (AllDigits(tok[i])) set(i, TokenRole::kNumber, tok[i]);
  }
  // Sun-letter articles before legal forms: "as" in "as-Sayyid" is the
  // article, in "NORSK HYDRO AS" a legal form.
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const Particle* p = info[i] != nullptr ? info[i]->particle : nullptr;
    if (role[i] != kUnset || p == nullptr || p->cls != ParticleClass::kSun) {
      continue;
    }
    std::string_view letters = tok[i].substr(1);
    if (tok[i + 1].size() > letters.size() &&
        tok[i + 1].substr(0, letters.size()) == letters) {
      set(i, TokenRole::kParticle, p->key);
    }
  }
  // Legal forms: long ones anywhere, short ones ("sa", "ag", "a s") only at
  // an end of the name or next to another legal form.
  for (std::size_t i = 0; i < n;) {
    const Phrase* p = nullptr;
    int len = role[i] == kUnset ? match(&TokenInfo::legal, i, &p) : 0;
    if (len > 0 && !p->is_short && unset(i, len)) {
      mark(i, len, TokenRole::kLegalForm, p);
      i += static_cast<std::size_t>(len);
    } else {
      ++i;
    }
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < n; ++i) {
      const Phrase* p = nullptr;
      int len = role[i] == kUnset ? match(&TokenInfo::legal, i, &p) : 0;
      if (len == 0 || !unset(i, len)) continue;
      std::size_t end = i + static_cast<std::size_t>(len);
      bool at_edge = i == 0 || end == n;
      bool next_to_legal = (i > 0 && role[i - 1] == TokenRole::kLegalForm) ||
                           (end < n && role[end] == TokenRole::kLegalForm);
      if (at_edge || next_to_legal) mark(i, len, TokenRole::kLegalForm, p);
    }
  }
  // Titles lead the name; at least one token must stay a name.
  {
    std::size_t i = 0, last_start = 0;
    int last_len = 0;
    while (i < n && role[i] == kUnset) {
      const Phrase* p = nullptr;
      int len = match(&TokenInfo::honorific, i, &p);
      if (len == 0 || !unset(i, len)) break;
      mark(i, len, TokenRole::kHonorific, p);
      last_start = i;
      last_len = len;
      i += static_cast<std::size_t>(len);
    }
    bool rest = false;
    for (std::size_t k = i; k < n; ++k) rest = rest || role[k] == kUnset;
    if (last_len > 0 && !rest) {
      for (std::size_t k = last_start; k < last_start + last_len; ++k) {
        role[k] = kUnset;
      }
    }
  }
  // Suffixes end the name: "jr", "iii", "ph d".
  for (std::size_t s = n >= 2 ? n - 2 : 0; s < n; ++s) {
    const Phrase* p = nullptr;
    int len = role[s] == kUnset ? match(&TokenInfo::suffix, s, &p) : 0;
    if (len > 0 && s + static_cast<std::size_t>(len) == n && s > 0 &&
        unset(s, len)) {
      mark(s, len, TokenRole::kHonorific, p);
      break;
    }
  }
  // Particles, by class (see data/particles.txt).
  for (std::size_t i = 0; i < n; ++i) {
    const Particle* p = info[i] != nullptr ? info[i]->particle : nullptr;
    if (role[i] != kUnset || p == nullptr) continue;
    bool not_last = i + 1 < n;
    bool ok = false;
    switch (p->cls) {
      case ParticleClass::kArticle:
      case ParticleClass::kNobiliary:
        ok = not_last;
        break;
      case ParticleClass::kPatronym:
      case ParticleClass::kShort:
        ok = i > 0 && not_last;
        break;
      case ParticleClass::kSun:
        ok = false;  // decided above
        break;
    }
    if (ok) set(i, TokenRole::kParticle, p->key);
  }
  for (std::size_t i = 0; i < n;) {
    const Phrase* p = nullptr;
    int len = role[i] == kUnset ? match(&TokenInfo::generic, i, &p) : 0;
    if (len > 0 && unset(i, len)) {
      mark(i, len, TokenRole::kGeneric, p);
      i += static_cast<std::size_t>(len);
    } else {
      ++i;
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    NameToken& nt = (*out)[i];
    if (role[i] == kUnset) {
      if (tok[i].size() == 1) {
        role[i] = TokenRole::kInitial;
        nt.key.assign(1, tok[i][0]);
      } else {
        role[i] = TokenRole::kName;
        nt.key = RomanizationKey(tok[i]);
      }
    }
    nt.role = role[i];
  }
}

}  // namespace

namespace {

// The name CountNameTokens() normalized last on this thread, until the
// next NormalizeName() takes it.
struct KeptName {
  std::string text;
  NormalizedName name;
  bool valid = false;
};

KeptName& Kept() {
  thread_local KeptName kept;
  return kept;
}

NormalizedName Normalize(std::string_view utf8) {
  const Tables& t = GetTables();
  NormalizedName result;
  std::string buf;
  std::string_view ascii = utf8;
  if (!IsAscii(utf8)) {
    TransliterateToAscii(utf8, &buf, &result.transliterated,
                         &result.arabic_forms);
    ascii = buf;
  }
  thread_local std::vector<int> segments;
  segments.clear();
  result.tokens.reserve(ascii.size() / 5 + 2);
  TokenizeAscii(ascii, &t.legal_single, &result.tokens, &segments);
  Reorder(t, segments, &result.tokens);
  AssignRoles(t, &result.tokens);
  return result;
}

}  // namespace

NormalizedName NormalizeName(std::string_view utf8) {
  KeptName& kept = Kept();
  if (kept.valid && kept.text == utf8) {
    kept.valid = false;
    return std::move(kept.name);
  }
  return Normalize(utf8);
}

size_t CountNameTokens(std::string_view utf8) {
  KeptName& kept = Kept();
  kept.name = Normalize(utf8);
  kept.text.assign(utf8);
  kept.valid = true;
  return kept.name.tokens.size();
}

std::string ToLatin(std::string_view utf8) {
  const Tables& t = GetTables();
  std::string buf;
  std::string_view ascii = utf8;
  if (!IsAscii(utf8)) {
    bool transliterated = false;
    TransliterateToAscii(utf8, &buf, &transliterated);
    ascii = buf;
  }
  std::vector<NameToken> tokens;
  std::vector<int> segments;
  TokenizeAscii(ascii, &t.legal_single, &tokens, &segments);
  std::string out;
  for (const NameToken& tok : tokens) {
    if (!out.empty()) out.push_back(' ');
    out += tok.text;
  }
  return out;
}

std::string_view TokenRoleName(TokenRole role) {
  switch (role) {
    case TokenRole::kName:
      return "name";
    case TokenRole::kInitial:
      return "initial";
    case TokenRole::kLegalForm:
      return "legal";
    case TokenRole::kHonorific:
      return "honorific";
    case TokenRole::kGeneric:
      return "generic";
    case TokenRole::kParticle:
      return "particle";
    case TokenRole::kNumber:
      return "number";
  }
  return "name";
}

}  // namespace embargo::internal
