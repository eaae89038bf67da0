#include "normalize/transliterate.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/abjad.h"
#include "normalize/recent_memo.h"
#include "normalize/tables.h"

namespace embargo::internal {

namespace {

// ICU transliterators by script. The BGN/PCGN and UNGEGN variants give the
// romanizations gazetteers and passports use (Yuriy, Shcherbakov, Alexis),
// closer to how names appear in the lists than ICU's default ISO 9-like
// Cyrillic (Ûrij, Ŝerbakov) or classical Greek (Aléxēs).
enum TranslitId : int {
  kAnyLatin,
  kRussian,
  kUkrainian,
  kBelarusian,
  kSerbian,
  kMacedonian,
  kKazakh,
  kGreek,
  kGeorgian,
  kArmenian,
  kThai,
  kDevanagari,
  kHiragana,
  kKatakana,
  kHanNames,
  kHan,
  kHebrew,
  kIdCount
};

constexpr std::array<const char*, kIdCount> kIcuIds = {
    "Any-Latin",           "Russian-Latin/BGN",
    "Ukrainian-Latin/BGN", "Belarusian-Latin/BGN",
    "Serbian-Latin/BGN",   "Macedonian-Latin/BGN",
    "Kazakh-Latin/BGN",    "Greek-Latin/UNGEGN",
    "Georgian-Latin/BGN",  "Armenian-Latin/BGN",
    "Thai-Latin",          "Devanagari-Latin",
    "Hiragana-Latin",      "Katakana-Latin",
    "Han-Latin/Names",     "Han-Latin",
    "Hebrew-Latin",
};

struct Prototypes {
  std::array<std::once_flag, kIdCount> once;
  std::array<std::unique_ptr<icu::Transliterator>, kIdCount> proto;
  std::mutex clone_mu;  // guards clone(): ICU only promises const-safety
};

Prototypes& GetPrototypes() {
  static Prototypes p;
  return p;
}

// This thread's transliterator for `id`, or nullptr when ICU lacks it (then
// Any-Latin stands in). Creating a transliterator parses its rules (up to
// milliseconds), so it happens once per process; cloning is cheap and
// happens once per thread.
icu::Transliterator* GetTransliterator(TranslitId id) {
  thread_local std::array<std::unique_ptr<icu::Transliterator>, kIdCount> local;
  if (local[id]) return local[id].get();
  Prototypes& p = GetPrototypes();
  std::call_once(p.once[id], [&p, id] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kIcuIds[id]), UTRANS_FORWARD, err));
    if (U_SUCCESS(err)) p.proto[id] = std::move(t);
  });
  if (!p.proto[id]) {
    return id == kAnyLatin ? nullptr : GetTransliterator(kAnyLatin);
  }
  std::lock_guard<std::mutex> lock(p.clone_mu);
  local[id].reset(p.proto[id]->clone());
  return local[id].get();
}

enum class RunScript {
  kNeutral,  // spaces, punctuation, digits, marks: join the run around them
  kLatin,
  kCyrillic,
  kArabic,
  kHebrew,
  kHangul,
  kHan,
  kHiragana,
  kKatakana,
  kGreek,
  kGeorgian,
  kArmenian,
  kThai,
  kDevanagari,
  kOther,
};

RunScript RunScriptOf(char32_t c) {
  if (c < 0x80) {
    return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
               ? RunScript::kLatin
               : RunScript::kNeutral;
  }
  if (c == 0x200C || c == 0x200D) return RunScript::kNeutral;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &err);
  switch (sc) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return RunScript::kNeutral;
    case USCRIPT_LATIN:
      return RunScript::kLatin;
    case USCRIPT_CYRILLIC:
      return RunScript::kCyrillic;
    case USCRIPT_ARABIC:
      return RunScript::kArabic;
    case USCRIPT_HEBREW:
      return RunScript::kHebrew;
    case USCRIPT_HANGUL:
      return RunScript::kHangul;
    case USCRIPT_HAN:
      return RunScript::kHan;
    case USCRIPT_HIRAGANA:
      return RunScript::kHiragana;
    case USCRIPT_KATAKANA:
      return RunScript::kKatakana;
    case USCRIPT_GREEK:
      return RunScript::kGreek;
    case USCRIPT_GEORGIAN:
      return RunScript::kGeorgian;
    case USCRIPT_ARMENIAN:
      return RunScript::kArmenian;
    case USCRIPT_THAI:
      return RunScript::kThai;
    case USCRIPT_DEVANAGARI:
      return RunScript::kDevanagari;
    default:
      return RunScript::kOther;
  }
}

// Writes code points as lowercase ASCII into `out`.
class AsciiSink {
 public:
  AsciiSink(const Tables& tables, std::string* out)
      : tables_(tables), out_(out) {}

  void Put(char32_t c) { PutImpl(c, /*allow_fallback=*/true); }
  void PutAscii(std::string_view s) { out_->append(s); }
  void Space() { out_->push_back(' '); }
  const Tables& tables() const { return tables_; }

  void PutIcu(const icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length();) {
      UChar32 c = s.char32At(i);
      Put(static_cast<char32_t>(c));
      i += U16_LENGTH(c);
    }
  }

 private:
  void PutImpl(char32_t c, bool allow_fallback) {
    if (c < 0x80) {
      char a = static_cast<char>(c);
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      bool keep = (a >= 'a' && a <= 'z') || (a >= '0' && a <= '9') ||
                  a == '\'' || a == '`' || a == '.' || a == ',' || a == '-';
      out_->push_back(keep ? a : ' ');
      return;
    }
    if (const Fold* f = tables_.FindFold(c)) {
      out_->append(tables_.FoldText(*f));
      return;
    }
    if (c == 0x060C || c == 0x3001 || c == 0xFF0C) {  // Arabic, CJK commas
      out_->push_back(',');
      return;
    }
    if (c >= 0x0660 && c <= 0x0669) {  // Arabic-Indic digits
      out_->push_back(static_cast<char>('0' + (c - 0x0660)));
      return;
    }
    if (c >= 0x06F0 && c <= 0x06F9) {  // Persian digits
      out_->push_back(static_cast<char>('0' + (c - 0x06F0)));
      return;
    }
    auto uc = static_cast<UChar32>(c);
    int8_t type = u_charType(uc);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
        type == U_COMBINING_SPACING_MARK || type == U_FORMAT_CHAR) {
      return;  // a mark or joiner left over: belongs to the letter before
    }
    if (u_isalnum(uc) && allow_fallback) {
      if (icu::Transliterator* t = GetTransliterator(kAnyLatin)) {
        icu::UnicodeString s(uc);
        t->transliterate(s);
        for (int32_t i = 0; i < s.length();) {
          UChar32 d = s.char32At(i);
          PutImpl(static_cast<char32_t>(d), /*allow_fallback=*/false);
          i += U16_LENGTH(d);
        }
      }
      return;
    }
    if (u_isalnum(uc)) return;  // a letter no rule covers: dropped
    out_->push_back(' ');
  }

  const Tables& tables_;
  std::string* out_;
};

// What `sink` writes for `text` run through transliterator `id`.
std::string TransliterateUncached(TranslitId id, std::u32string_view text,
                                  const Tables& tables) {
  icu::Transliterator* t = GetTransliterator(id);
  icu::UnicodeString s;
  for (char32_t c : text) s.append(static_cast<UChar32>(c));
  if (t != nullptr) t->transliterate(s);
  std::string out;
  AsciiSink(tables, &out).PutIcu(s);
  return out;
}

bool InWord(char32_t c) { return !u_isUWhiteSpace(static_cast<UChar32>(c)); }

// A run a word at a time (what lies between white space), each space
// alone, and each remembered per thread: ICU's rule-based transliterators
// cost ~25k instructions for a three-word Cyrillic name, while a customer
// file repeats the same words endlessly. (`whole`: the run to ICU at once.)
void Transliterate(TranslitId id, std::u32string_view run, AsciiSink* sink,
                   bool whole = false) {
  const Tables& tables = sink->tables();
  if (whole) {
    sink->PutAscii(TransliterateUncached(id, run, tables));
    return;
  }
  thread_local RecentMemo<std::string, 8192> memo;
  thread_local std::string key;
  for (size_t i = 0; i < run.size();) {
    size_t j = i + 1;
    if (InWord(run[i]))
      while (j < run.size() && InWord(run[j])) ++j;
    const std::u32string_view word = run.substr(i, j - i);
    // Names' words are short; a long one (a server's client may send
    // one) is not kept, so no slot holds more than a few hundred bytes.
    if (word.size() > 32) {
      sink->PutAscii(TransliterateUncached(id, word, tables));
      i = j;
      continue;
    }
    key.assign(1, static_cast<char>(id));
    key.append(reinterpret_cast<const char*>(word.data()),
               word.size() * sizeof(char32_t));
    sink->PutAscii(
        memo.Get(key, [&] { return TransliterateUncached(id, word, tables); }));
    i = j;
  }
}

// --- Hangul: Revised Romanization, one syllable at a time ---------------

constexpr std::array<std::string_view, 19> kHangulInitials = {
    "g",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
    "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
constexpr std::array<std::string_view, 21> kHangulMedials = {
    "a",  "ae", "ya", "yae", "eo", "e",  "yeo", "ye", "o",  "wa", "wae",
    "oe", "yo", "u",  "wo",  "we", "wi", "yu",  "eu", "ui", "i"};
// Finals as pronounced at the end of a word (RR: 박 Bak, 김 Gim, 곽 Gwak).
constexpr std::array<std::string_view, 28> kHangulFinals = {
    "",  "k", "k", "k", "n", "n", "n", "t",  "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

void HangulRun(std::u32string_view run, AsciiSink* sink) {
  for (char32_t c : run) {
    if (c >= 0xAC00 && c <= 0xD7A3) {
      sink->Space();
      sink->PutAscii(RomanizeHangulSyllable(c));
      sink->Space();
    } else if (RunScriptOf(c) == RunScript::kHangul) {
      Transliterate(kAnyLatin, std::u32string_view(&c, 1), sink);
    } else {
      sink->Put(c);
    }
  }
}

// --- Han: one syllable per character -------------------------------------

void HanRun(std::u32string_view run, AsciiSink* sink) {
  bool first = true;
  for (char32_t c : run) {
    if (RunScriptOf(c) != RunScript::kHan) {
      sink->Put(c);
      first = true;
      continue;
    }
    // The first character of a name is usually the surname, whose reading
    // can differ (单 Shan, 曾 Zeng): Han-Latin/Names knows those.
    sink->Space();
    if (const std::u32string_view r = GetHanReadings().Find(c, first);
        !r.empty()) {
      for (char32_t x : r) sink->Put(x);
    } else {
      Transliterate(first ? kHanNames : kHan, std::u32string_view(&c, 1), sink);
    }
    sink->Space();
    first = false;
  }
}

// --- Arabic script ---------------------------------------------------------

bool IsArabicWordChar(char32_t c) {
  return (c >= 0x0620 && c <= 0x065F) || (c >= 0x066E && c <= 0x06D3) ||
         c == 0x06D5 || (c >= 0x06EE && c <= 0x06EF) ||
         (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         c == 0x0670 || c == 0x0640 || c == 0x200C || c == 0x200D;
}

// ت ث د ذ ر ز س ش ص ض ط ظ ل ن: the article assimilates to them.
bool IsSunLetter(char32_t c) {
  return (c >= 0x062A && c <= 0x062B) || (c >= 0x062F && c <= 0x0638) ||
         c == 0x0644 || c == 0x0646;
}

bool IsArabicLongVowel(char32_t c) {
  return c == 0x0627 || c == 0x0648 || c == 0x064A;
}

// Letter-by-letter romanization for words the name table lacks. Short
// vowels are not written in Arabic script, so this gives a skeleton
// (محمود -> mhmud) that still shares consonants with the Latin spellings.
// `guess_vowel`: put "a" between two leading consonants (for a readable
// token); AbjadSimilarity() wants the letters as written, without it.
std::string ArabicLetters(std::u32string_view w, bool guess_vowel = true) {
  std::string r;
  // Arabic words never start with two consonants, so a vowel (we cannot
  // know which: "a" is the most frequent) goes between the first two when
  // the script shows none: برزان -> barzan, زرقاوي -> zarqawi.
  int groups = 0;
  std::size_t first_end = 0;
  bool first_consonant = false;
  auto vowel_start = [](std::string_view g) {
    return !g.empty() && (g[0] == 'a' || g[0] == 'i' || g[0] == 'u');
  };
  for (std::size_t k = 0; k < w.size(); ++k) {
    const std::size_t before = r.size();
    char32_t c = w[k];
    bool initial = k == 0;
    bool last = k + 1 == w.size();
    char32_t next = last ? 0 : w[k + 1];
    char32_t prev = initial ? 0 : w[k - 1];
    switch (c) {
      case 0x0627:
        r += 'a';
        break;
      case 0x0628:
        r += 'b';
        break;
      case 0x062A:
        r += 't';
        break;
      case 0x062B:
        r += "th";
        break;
      case 0x062C:
        r += 'j';
        break;
      case 0x062D:
        r += 'h';
        break;
      case 0x062E:
        r += "kh";
        break;
      case 0x062F:
        r += 'd';
        break;
      case 0x0630:
        r += "dh";
        break;
      case 0x0631:
        r += 'r';
        break;
      case 0x0632:
        r += 'z';
        break;
      case 0x0633:
        r += 's';
        break;
      case 0x0634:
        r += "sh";
        break;
      case 0x0635:
        r += 's';
        break;
      case 0x0636:
        r += 'd';
        break;
      case 0x0637:
        r += 't';
        break;
      case 0x0638:
        // ظ is "th" in the Gulf and Iraq (كاظم Kathim, Kadhim, Kazem): the
        // letters for AbjadSimilarity() keep every spelling of it open.
        r += guess_vowel ? "z" : "dh";
        break;
      case 0x0639:  // ain: carries a vowel at the start (Ali, Umar, Abd)
        if (initial && !IsArabicLongVowel(next)) r += 'a';
        break;
      case 0x063A:
        r += "gh";
        break;
      case 0x0641:
        r += 'f';
        break;
      case 0x0642:
        r += 'q';
        break;
      case 0x0643:
        r += 'k';
        break;
      case 0x0644:
        r += 'l';
        break;
      case 0x0645:
        r += 'm';
        break;
      case 0x0646:
        r += 'n';
        break;
      case 0x0647:
        r += 'h';
        break;
      case 0x0629:
        r += 'a';
        break;      // teh marbuta
      case 0x0648:  // waw: consonant or long u
        if (initial || IsArabicLongVowel(next) || IsArabicLongVowel(prev)) {
          r += 'w';
        } else {
          r += 'u';
        }
        break;
      case 0x064A:  // yeh: consonant or long i
        if (initial || next == 0x0627 || next == 0x0648 ||
            (IsArabicLongVowel(prev) && !last)) {
          r += 'y';
        } else {
          r += 'i';
        }
        break;
      case 0x067E:
        r += 'p';
        break;
      case 0x0686:
        r += "ch";
        break;
      case 0x0698:
        r += "zh";
        break;
      case 0x06AF:
        r += 'g';
        break;
      case 0x06A4:
        r += 'v';
        break;
      case 0x0679:
        r += 't';
        break;
      case 0x0688:
        r += 'd';
        break;
      case 0x0691:
        r += 'r';
        break;
      case 0x06BA:
        r += 'n';
        break;
      case 0x06BE:
        r += 'h';
        break;
      case 0x06C3:
        r += 'a';
        break;
      default:
        break;  // hamza and the rest carry no Latin letter
    }
    if (r.size() == before) continue;
    std::string_view group = std::string_view(r).substr(before);
    if (++groups == 1) {
      first_end = r.size();
      first_consonant = !vowel_start(group);
    } else if (groups == 2 && first_consonant && !vowel_start(group) &&
               guess_vowel) {
      r.insert(first_end, 1, 'a');
    }
  }
  return r;
}

// Each token produced with the letters it was read from, for
// ArabicLetterForms().
using LetterForms = std::vector<std::pair<std::string, std::string>>;

// True when `rest`, the word after عبد, is a name with the article (عبد
// السلام): the lists spell such names in one token (Abdulsalam), two (Abdul
// Salam) or three (Abd al-Salam), and abd, al and the name as tokens of
// their own meet all three (the abjad triple and pair probes of
// match/matcher.cc), where the table's one token meets one. عبد الله
// stays one name.
bool AbdAlName(std::u32string_view rest) {
  return rest.size() > 3 && rest[0] == 0x0627 && rest[1] == 0x0644 &&
         rest != U"الله";
}

std::string ArabicWordLatin(std::u32string_view w, const Tables& tables,
                            LetterForms* forms) {
  const bool article = w.size() > 3 && w[0] == 0x0627 && w[1] == 0x0644;
  auto it = tables.script_names.find(Utf32ToUtf8(w));
  if (it != tables.script_names.end() && w.starts_with(U"عبد") &&
      AbdAlName(w.substr(3)))
    it = tables.script_names.end();
  // A table spelling without the article (البغدادي baghdadi) would leave the
  // article in the word's letters and out of its tokens; the Latin listings
  // write it apart (al-Baghdadi), joined (Albaghdadi) or not at all, and
  // the article as a token of its own meets all three.
  if (it != tables.script_names.end() && article &&
      !it->second.starts_with("al") && !it->second.starts_with("el"))
    it = tables.script_names.end();
  if (it != tables.script_names.end()) {
    // The table comes from cross-language equivalence groups; a spelling
    // whose consonants are not the word's is another language's cognate.
    std::string letters = ArabicLetters(w);
    std::string latin;
    if (SpellingFitsLetters(it->second, letters)) {
      latin = it->second;
    } else {
      latin = std::move(letters);
    }
    if (forms && latin.find(' ') == std::string::npos)
      forms->emplace_back(latin, ArabicLetters(w, false));
    return latin;
  }
  // The article: الرحمن -> al rahman (a separate token, as in "al-Rahman").
  if (article) {
    // Before a sun letter the article's l is said as the letter and often
    // so spelled (عزيز الرحمن Azizurrahman, Abdurrahman): "L" marks it
    // optional for AbjadSimilarity().
    if (forms) forms->emplace_back("al", IsSunLetter(w[2]) ? "aL" : "al");
    return "al " + ArabicWordLatin(w.substr(2), tables, forms);
  }
  // عبدالرحمن written as one word.
  if (w.size() > 4 && w[0] == 0x0639 && w[1] == 0x0628 && w[2] == 0x062F) {
    if (forms) forms->emplace_back("abd", "abd");
    return "abd " + ArabicWordLatin(w.substr(3), tables, forms);
  }
  std::string latin = ArabicLetters(w);
  if (forms) forms->emplace_back(latin, ArabicLetters(w, false));
  return latin;
}

void ArabicRun(std::u32string_view run, const Tables& tables, AsciiSink* sink,
               LetterForms* forms = nullptr) {
  // Split into words and the separators between them.
  struct Piece {
    std::u32string text;
    bool word;
  };
  std::vector<Piece> pieces;
  for (char32_t c : run) {
    bool w = IsArabicWordChar(c);
    if (pieces.empty() || pieces.back().word != w) pieces.push_back({{}, w});
    pieces.back().text.push_back(c);
  }
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (!pieces[i].word) {
      for (char32_t c : pieces[i].text) sink->Put(c);
      continue;
    }
    std::u32string w = NormalizeArabicWord(pieces[i].text);
    // Two-word names first: عبد الله -> abdullah.
    if (i + 2 < pieces.size() && pieces[i + 1].text == U" " &&
        pieces[i + 2].word) {
      std::u32string second = NormalizeArabicWord(pieces[i + 2].text);
      std::u32string pair = w;
      pair.append(U" ").append(second);
      auto it = tables.script_names.find(Utf32ToUtf8(pair));
      if (it != tables.script_names.end() &&
          !(w == U"عبد" && AbdAlName(second))) {
        sink->Space();
        sink->PutAscii(it->second);
        sink->Space();
        i += 2;
        continue;
      }
    }
    sink->Space();
    sink->PutAscii(ArabicWordLatin(w, tables, forms));
    sink->Space();
  }
}

// --- Hebrew ------------------------------------------------------------------

void HebrewRun(std::u32string_view run, const Tables& tables, AsciiSink* sink) {
  std::u32string word;
  auto flush = [&] {
    if (word.empty()) return;
    std::u32string norm = NormalizeHebrewWord(word);
    auto it = tables.script_names.find(Utf32ToUtf8(norm));
    sink->Space();
    if (it != tables.script_names.end()) {
      sink->PutAscii(it->second);
    } else {
      Transliterate(kHebrew, word, sink);
    }
    sink->Space();
    word.clear();
  };
  for (char32_t c : run) {
    if (RunScriptOf(c) == RunScript::kHebrew || (c >= 0x0591 && c <= 0x05C7) ||
        c == 0x05F3 || c == 0x05F4) {
      word.push_back(c);
    } else {
      flush();
      sink->Put(c);
    }
  }
  flush();
}

// --- Cyrillic: pick the language's BGN/PCGN table from its letters ---------

TranslitId CyrillicId(std::u32string_view run) {
  bool ukr = false, ukr_i = false, rus_only = false;
  for (char32_t c : run) {
    switch (c) {
      case 0x045E:  // ў
        return kBelarusian;
      case 0x04D9:
      case 0x0493:
      case 0x049B:
      case 0x04A3:
      case 0x04E9:
      case 0x04B1:
      case 0x04AF:
      case 0x04BB:  // ә ғ қ ң ө ұ ү һ
        return kKazakh;
      case 0x0452:
      case 0x045B:
      case 0x0459:
      case 0x045A:
      case 0x045F:
      case 0x0458:  // ђ ћ љ њ џ ј
        return kSerbian;
      case 0x0453:
      case 0x045C:
      case 0x0455:  // ѓ ќ ѕ
        return kMacedonian;
      case 0x0457:
      case 0x0454:
      case 0x0491:  // ї є ґ
        ukr = true;
        break;
      case 0x0456:  // і
        ukr_i = true;
        break;
      case 0x044B:
      case 0x044D:
      case 0x0451:
      case 0x044A:  // ы э ё ъ
        rus_only = true;
        break;
      default:
        break;
    }
  }
  if (ukr || (ukr_i && !rus_only)) return kUkrainian;
  return kRussian;
}

TranslitId IdFor(RunScript k) {
  switch (k) {
    case RunScript::kGreek:
      return kGreek;
    case RunScript::kGeorgian:
      return kGeorgian;
    case RunScript::kArmenian:
      return kArmenian;
    case RunScript::kThai:
      return kThai;
    case RunScript::kDevanagari:
      return kDevanagari;
    case RunScript::kHiragana:
      return kHiragana;
    case RunScript::kKatakana:
      return kKatakana;
    default:
      return kAnyLatin;
  }
}

}  // namespace

void PrepareTransliterators() {
  for (int id = 0; id < kIdCount; ++id)
    (void)GetTransliterator(static_cast<TranslitId>(id));
}

std::string RomanizeHangulSyllable(char32_t c) {
  if (c < 0xAC00 || c > 0xD7A3) return {};
  unsigned index = c - 0xAC00;
  std::string s(kHangulInitials[index / (21 * 28)]);
  s += kHangulMedials[(index / 28) % 21];
  s += kHangulFinals[index % 28];
  return s;
}

void TransliterateToAscii(std::string_view utf8, std::string* out,
                          bool* transliterated, LetterForms* arabic_forms,
                          bool whole_runs) {
  const Tables& tables = GetTables();
  std::u32string cps = Utf8ToUtf32(utf8);
  AsciiSink sink(tables, out);

  // Latin text, however accented, needs no ICU: the fold table has it.
  const std::size_t start = out->size();
  bool latin = true;
  for (char32_t c : cps) {
    if (c < 0x80) {
      sink.Put(c);
    } else if (const Fold* f = tables.FindFold(c)) {
      sink.PutAscii(tables.FoldText(*f));
    } else {
      latin = false;
      break;
    }
  }
  if (latin) return;
  out->resize(start);

  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf =
      icu::Normalizer2::getNFKCCasefoldInstance(err);
  icu::UnicodeString us;
  for (char32_t c : cps) us.append(static_cast<UChar32>(c));
  if (U_SUCCESS(err) && nfkc_cf != nullptr) {
    icu::UnicodeString norm = nfkc_cf->normalize(us, err);
    if (U_SUCCESS(err)) us = norm;
  }
  std::u32string s;
  s.reserve(static_cast<std::size_t>(us.length()));
  for (int32_t i = 0; i < us.length();) {
    UChar32 c = us.char32At(i);
    s.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }

  std::size_t i = 0;
  while (i < s.size()) {
    RunScript k = RunScriptOf(s[i]);
    if (k == RunScript::kNeutral || k == RunScript::kLatin) {
      sink.Put(s[i]);
      ++i;
      continue;
    }
    if (k != RunScript::kOther) *transliterated = true;
    // A run of one script, spaces and punctuation inside it included (the
    // transliterators need word boundaries), but not trailing ones.
    std::size_t j = i + 1;
    std::size_t end = j;
    while (j < s.size()) {
      RunScript kj = RunScriptOf(s[j]);
      if (kj == k) {
        end = ++j;
      } else if (kj == RunScript::kNeutral) {
        ++j;
      } else {
        break;
      }
    }
    std::u32string_view run(s.data() + i, end - i);
    switch (k) {
      case RunScript::kHangul:
        HangulRun(run, &sink);
        break;
      case RunScript::kHan:
        HanRun(run, &sink);
        break;
      case RunScript::kArabic:
        ArabicRun(run, tables, &sink, arabic_forms);
        break;
      case RunScript::kHebrew:
        HebrewRun(run, tables, &sink);
        break;
      case RunScript::kCyrillic:
        Transliterate(CyrillicId(run), run, &sink, whole_runs);
        break;
      case RunScript::kOther:
        *transliterated = true;
        Transliterate(kAnyLatin, run, &sink, whole_runs);
        break;
      default:
        Transliterate(IdFor(k), run, &sink, whole_runs);
        break;
    }
    sink.Space();
    i = end;
  }
}

std::vector<std::pair<std::string, std::string>> ArabicLetterForms(
    std::string_view utf8) {
  LetterForms forms;
  std::string ascii;
  bool transliterated = false;
  TransliterateToAscii(utf8, &ascii, &transliterated, &forms);
  return forms;
}

}  // namespace embargo::internal
