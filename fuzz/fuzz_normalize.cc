// Fuzzes name normalization (src/normalize) with any bytes, and checks what
// normalize.h and transliterate.h promise:
// - NormalizeName() never fails; its tokens are non-empty lowercase ASCII
//   letters and digits; a name token's key is RomanizationKey(text), an
//   initial's key its letter, a number's key its digits.
// - It is idempotent: normalizing the tokens' texts joined by spaces gives
//   the same tokens, roles and keys again.
// - ToLatin() is lowercase ASCII tokens joined by single spaces.
// - TransliterateToAscii() appends only ASCII.
// - PhoneticKey() is "" for tokens under 2 letters; RomanizationKey(),
//   PhoneticKey() and ConsonantSkeleton() are deterministic (a key that
//   changed between calls would make the per-thread memo a source of misses).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "normalize/normalize.h"
#include "normalize/phonetic.h"
#include "normalize/transliterate.h"

namespace {

using embargo::fuzz::Fail;
using embargo::internal::NameToken;
using embargo::internal::NormalizedName;
using embargo::internal::TokenRole;

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string Describe(const NormalizedName& n) {
  std::string out;
  for (const NameToken& t : n.tokens) {
    out += t.text + "/" + t.key + "/" +
           std::string(embargo::internal::TokenRoleName(t.role)) + " ";
  }
  return out;
}

std::string Joined(const NormalizedName& n) {
  std::string out;
  for (const NameToken& t : n.tokens) {
    if (!out.empty()) out.push_back(' ');
    out += t.text;
  }
  return out;
}

void CheckTokens(const NormalizedName& n, std::string_view input) {
  for (const NameToken& t : n.tokens) {
    if (t.text.empty()) Fail("empty token", input);
    for (char c : t.text)
      if (!IsTokenChar(c)) Fail("token char", t.text);
    switch (t.role) {
      case TokenRole::kName:
        if (t.key != embargo::internal::RomanizationKey(t.text))
          Fail("name key != RomanizationKey(text)", t.text + " " + t.key);
        break;
      case TokenRole::kInitial:
      case TokenRole::kNumber:
        if (t.key != t.text) Fail("initial/number key", t.text + " " + t.key);
        break;
      default:
        break;
    }
    std::string p = embargo::internal::PhoneticKey(t.text);
    if (t.text.size() < 2 && !p.empty()) Fail("phonetic key of short", t.text);
    if (p != embargo::internal::PhoneticKey(t.text))
      Fail("PhoneticKey deterministic", t.text);
    if (embargo::internal::ConsonantSkeleton(t.text) !=
        embargo::internal::ConsonantSkeleton(t.text))
      Fail("ConsonantSkeleton deterministic", t.text);
    (void)embargo::internal::IsVowelPoor(t.text);
    (void)embargo::internal::IsPatronymic(t.text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string_view input = embargo::fuzz::AsText(data, size);
  NormalizedName first = embargo::internal::NormalizeName(input);
  CheckTokens(first, input);

  std::string joined = Joined(first);
  NormalizedName again = embargo::internal::NormalizeName(joined);
  bool same = again.tokens.size() == first.tokens.size();
  for (size_t i = 0; same && i < first.tokens.size(); ++i) {
    const NameToken& a = first.tokens[i];
    const NameToken& b = again.tokens[i];
    same = a.text == b.text && a.key == b.key && a.role == b.role;
  }
  if (!same)
    Fail("NormalizeName not idempotent",
         "first: " + Describe(first) + "| again: " + Describe(again));

  std::string latin = embargo::internal::ToLatin(input);
  for (size_t i = 0; i < latin.size(); ++i) {
    char c = latin[i];
    if (c == ' ') {
      if (i == 0 || i + 1 == latin.size() || latin[i - 1] == ' ')
        Fail("ToLatin spacing", latin);
    } else if (!IsTokenChar(c)) {
      Fail("ToLatin char", latin);
    }
  }

  std::string ascii;
  bool transliterated = false;
  embargo::internal::TransliterateToAscii(input, &ascii, &transliterated);
  for (char c : ascii)
    if (static_cast<unsigned char>(c) >= 0x80) Fail("non-ASCII output", ascii);

  (void)embargo::internal::HasCjkLetters(input);
  (void)embargo::internal::HasAbjadLetters(input);
  return 0;
}
