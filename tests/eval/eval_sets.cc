#include "eval/eval_sets.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "embargo/country.h"
#include "embargo/lists.h"
#include "eval/korean.h"
#include "eval/text_util.h"
#include "eval/variants.h"

namespace embargo::eval {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDefaultCorpus = "default";
constexpr const char* kAliasCorpus = "alias_holdout";
constexpr const char* kScriptCorpus = "script_holdout";
constexpr const char* kLatinCorpus = "un_latin_holdout";

// The list formats whose records the sets draw on, so list names can change
// without breaking the sets.
bool IsUn(const EntityList& l) { return l.info.format == "un_xml"; }
bool IsOfac(const EntityList& l) {
  return l.info.format == "ofac_csv" || l.info.format == "ofac_xml";
}
bool IsAu(const EntityList& l) { return l.info.format == "au_xlsx"; }
bool IsFtm(const EntityList& l) { return l.info.format == "ftm"; }
bool IsUae(const EntityList& l) { return l.info.format == "uae_csv"; }

bool IsAlias(const Name& n) {
  return n.type == NameType::kAka || n.type == NameType::kFka ||
         n.type == NameType::kNka;
}

// Original-script names: flagged by the loader, or written in a script
// other than Latin (some loaders flag only what the source marks).
bool IsOriginalScript(const Name& n) {
  if (n.original_script) return true;
  Script s = DominantScript(n.full);
  return s != Script::kLatin && s != Script::kNone;
}

// An original-script name actually written in another script (a few
// original-script fields hold Latin text).
bool IsOtherScriptName(const Name& n) {
  Script s = DominantScript(n.full);
  return IsOriginalScript(n) && s != Script::kLatin && s != Script::kNone;
}

const Name* FirstLatinName(const Entity& e) {
  for (const Name& n : e.names)
    if (!IsOriginalScript(n) && IsLatinText(n.full)) return &n;
  return nullptr;
}

std::set<std::string> FoldedNames(const Entity& e) {
  std::set<std::string> out;
  for (const Name& n : e.names) out.insert(FoldForCompare(n.full));
  return out;
}

Query MakeQuery(std::string name, const Entity& e) {
  Query q;
  q.name = std::move(name);
  q.kind = e.kind;
  return q;
}

bool Wanted(const EvalConfig& config, std::string_view id) {
  return config.only.empty() ||
         std::find(config.only.begin(), config.only.end(), id) !=
             config.only.end();
}

// Words that appear in DPRK organization names but are English, Chinese or
// abbreviations, though many parse as romanized Korean syllables ("mining"
// = min+ing): Korean romanization variants must leave them alone.
const std::unordered_set<std::string>& NonKoreanWords() {
  static const auto* kWords = new std::unordered_set<std::string>{
      "korea",
      "co",
      "corporation",
      "ltd",
      "shipping",
      "trading",
      "of",
      "bank",
      "company",
      "international",
      "limited",
      "development",
      "general",
      "and",
      "ministry",
      "technology",
      "s",
      "joint",
      "management",
      "pte",
      "credit",
      "bureau",
      "national",
      "machinery",
      "trade",
      "people",
      "department",
      "korean",
      "the",
      "academy",
      "group",
      "shpg",
      "marine",
      "dandong",
      "hong",
      "kong",
      "natural",
      "venture",
      "corp",
      "defense",
      "maritime",
      "security",
      "commercial",
      "energy",
      "committee",
      "jv",
      "sciences",
      "industry",
      "office",
      "central",
      "foreign",
      "strategic",
      "commission",
      "oil",
      "construction",
      "state",
      "import",
      "for",
      "space",
      "east",
      "second",
      "ocean",
      "military",
      "technical",
      "center",
      "force",
      "overseas",
      "studio",
      "democratic",
      "republic",
      "ship",
      "industrial",
      "llc",
      "mining",
      "external",
      "cooperation",
      "electronics",
      "export",
      "atomic",
      "banking",
      "united",
      "investment",
      "land",
      "operation",
      "machine",
      "leader",
      "dcb",
      "administration",
      "reconnaissance",
      "rocket",
      "forces",
      "insurance",
      "global",
      "workers",
      "party",
      "first",
      "shanghai",
      "weihai",
      "freight",
      "dalian",
      "star",
      "cartoon",
      "liability",
      "green",
      "pine",
      "associated",
      "resources",
      "dprk",
      "tool",
      "research",
      "institute",
      "kkbc",
      "aerospace",
      "kpa",
      "economics",
      "chemical",
      "chemicals",
      "army",
      "command",
      "project",
      "companies",
      "organization",
      "guidance",
      "propaganda",
      "agitation",
      "defence",
      "armed",
      "huaxin",
      "hongkong",
      "kingly",
      "pro",
      "gain",
      "dongfeng",
      "shen",
      "zhong",
      "world",
      "holdings",
      "services",
      "south",
      "beijing",
      "logistics",
      "silver",
      "animation",
      "ooo",
      "eastern",
      "dprkn",
      "komid",
      "ncg",
      "gbae",
      "gdae",
      "kore",
      "j",
      "v",
      "kcst",
      "plant",
      "solid",
      "tools",
      "nd",
      "complex",
      "equipment",
      "omm",
      "sea",
      "crew",
      "science",
      "kpe",
      "maei",
      "munitions",
      "supplies",
      "mid",
      "nata",
      "nada",
      "no",
      "third",
      "floor",
      "division",
      "unit",
      "rgb",
      "economic",
      "finance",
      "ftb",
      "knic",
      "trust",
      "art",
      "cmc",
      "ogd",
      "pad",
      "mpaf",
      "care",
      "senat",
      "eko",
      "bunkering",
      "polish",
      "agency",
      "prisons",
      "correctional",
      "air",
      "north",
      "asia",
      "industries",
      "exploration",
      "labor",
      "planning",
      "affairs",
      "computer",
      "zinc",
      "zhicheng",
      "metallic",
      "material",
      "transatlantic",
      "partners",
      "velmur",
      "jinhou",
      "tianfu",
      "unity",
      "projects",
      "architectural",
      "pty",
      "qingdao",
      "namibia",
      "cc",
      "agricultural",
      "dawn",
      "dongyuan",
      "transportation",
      "kehua",
      "economy",
      "xianghe",
      "hongda",
      "crude",
      "jinxiang",
      "jvc",
      "trdg",
      "chengxing",
      "ck",
      "liberty",
      "primorye",
      "gudzon",
      "profinet",
      "sun",
      "moon",
      "sinsms",
      "agrosoyuz",
      "expo",
      "yanbian",
      "silverstar",
      "network",
      "volasys",
      "sia",
      "inc",
      "sa",
      "gmbh",
      "bv",
      "ag",
      "fze",
      "fzco",
      "fzc",
      "jsc",
      "ojsc",
      "zao",
      "oao",
      "plc",
      "a",
      "an",
      "de",
      "la",
      "el",
      "al",
      "tong",
      "hui",
      "xin",
  };
  return *kWords;
}

std::string WordCore(std::string_view w) {
  std::string s(w);
  while (!s.empty() && !std::isalpha(static_cast<unsigned char>(s.back())))
    s.pop_back();
  size_t a = 0;
  while (a < s.size() && !std::isalpha(static_cast<unsigned char>(s[a]))) ++a;
  return s.substr(a);
}

// Which words of a DPRK name are romanized Korean (and so may be rewritten).
// For persons every word must be, or the person is skipped (non-Korean
// people are designated under the DPRK programs too).
bool KoreanWords(std::string_view name, bool person,
                 const std::unordered_set<std::string>& non_korean,
                 std::vector<bool>* out) {
  out->clear();
  bool any = false;
  for (const std::string& raw : SplitWords(name)) {
    std::string core = WordCore(raw);
    bool korean = !core.empty();
    size_t start = 0;
    while (korean && start <= core.size()) {
      size_t dash = core.find('-', start);
      if (dash == std::string::npos) dash = core.size();
      std::string piece = core.substr(start, dash - start);
      std::vector<RomanSyllable> syl;
      std::string lower = AsciiLower(piece);
      korean = ParseKoreanSyllables(piece, &syl, 3) &&
               !NonKoreanWords().count(lower) &&
               (person || !non_korean.count(lower));
      start = dash + 1;
    }
    if (person && !korean) return false;
    out->push_back(korean);
    any = any || korean;
  }
  return any;
}

bool LooksNorthKorean(const Entity& e) {
  if (e.nationalities.empty() && e.citizenships.empty()) return true;
  for (const auto& c : e.nationalities)
    if (c == "KP") return true;
  for (const auto& c : e.citizenships)
    if (c == "KP") return true;
  return false;
}

// Sources for the generated variants: UN and OFAC persons and
// organizations, by their first Latin name.
struct Source {
  const Entity* entity;
  std::string name;
};

std::vector<Source> VariantSources(const EvalData& data) {
  std::vector<Source> out;
  for (size_t l = 0; l < data.default_list_count; ++l) {
    const EntityList& list = data.base[l];
    if (!IsUn(list) && !IsOfac(list)) continue;
    for (const Entity& e : list.entities) {
      if (e.kind != EntityKind::kPerson && e.kind != EntityKind::kOrganization)
        continue;
      const Name* n = FirstLatinName(e);
      if (n) out.push_back({&e, n->full});
    }
  }
  return out;
}

// Builds up to `sample` variants, one per source entity, from sources in a
// seeded order; a variant equal (folded) to one of the entity's own names
// is no test and is retried, then skipped.
void AddVariantSet(
    EvalData* data, const EvalConfig& config, const std::string& id,
    std::string title, const std::function<bool(const Entity&)>& eligible,
    const std::function<std::string(const Source&, Rng*, std::string*)>& make) {
  if (!Wanted(config, id)) return;
  EvalSet set;
  set.id = id;
  set.title = std::move(title);
  set.group = "(b) generated variants";
  set.corpus = kDefaultCorpus;
  std::vector<Source> sources = VariantSources(*data);
  Rng rng(SeedFor(config.seed, id));
  rng.Shuffle(&sources);
  size_t trivial = 0;
  for (const Source& s : sources) {
    if (!eligible(*s.entity)) continue;
    std::set<std::string> own = FoldedNames(*s.entity);
    std::string variant, applied;
    bool made = false;
    for (int attempt = 0; attempt < 4; ++attempt) {
      variant = make(s, &rng, &applied);
      if (variant.empty()) break;
      if (!own.count(FoldForCompare(variant))) {
        made = true;
        break;
      }
      ++trivial;
    }
    if (!made) continue;
    ++set.available;
    if (set.cases.size() >= config.sample) continue;
    EvalCase c;
    c.query = MakeQuery(variant, *s.entity);
    c.expected_id = s.entity->id;
    c.source_name = s.name;
    c.note = applied;
    set.cases.push_back(std::move(c));
  }
  if (trivial)
    set.notes.push_back(fmt::format(
        "{} generated variants equalled one of the entity's own names "
        "(after folding) and were regenerated or skipped",
        trivial));
  data->sets.push_back(std::move(set));
}

std::unordered_set<std::string> PersonVocabulary(const EvalData& data) {
  std::unordered_set<std::string> vocab;
  for (const Source& s : VariantSources(data)) {
    if (s.entity->kind != EntityKind::kPerson) continue;
    for (const Name& n : s.entity->names)
      for (const std::string& w : SplitWords(n.full))
        vocab.insert(AsciiLower(WordCore(w)));
  }
  return vocab;
}

void AddGeneratedSets(EvalData* data, const EvalConfig& config) {
  auto person = [](const Entity& e) { return e.kind == EntityKind::kPerson; };
  auto any = [](const Entity&) { return true; };
  AddVariantSet(data, config, "typo",
                "Typo: one substitution, deletion, insertion or transposition "
                "in a token of >= 6 letters",
                any, [](const Source& s, Rng* rng, std::string* applied) {
                  return TypoVariant(s.name, rng, applied);
                });
  AddVariantSet(data, config, "reorder",
                "Token reordering: \"Last, First\" <-> \"First Last\", "
                "swapped tokens",
                any, [](const Source& s, Rng* rng, std::string* applied) {
                  return ReorderVariant(s.name,
                                        s.entity->kind == EntityKind::kPerson,
                                        rng, applied);
                });
  AddVariantSet(data, config, "drop_middle",
                "Dropped middle name (persons, >= 3 tokens)", person,
                [](const Source& s, Rng* rng, std::string* applied) {
                  return DropMiddleVariant(s.name, rng, applied);
                });
  AddVariantSet(data, config, "hyphen_merge",
                "Hyphenated or merged tokens (persons): \"Kyong Su\" -> "
                "\"Kyong-su\", \"Kyongsu\"",
                person, [](const Source& s, Rng* rng, std::string* applied) {
                  return HyphenMergeVariant(s.name, rng, applied);
                });
  if (Wanted(config, "romanization")) {
    auto vocab = std::make_shared<std::unordered_set<std::string>>(
        PersonVocabulary(*data));
    AddVariantSet(
        data, config, "romanization",
        "Romanization variants (Mohammed/Muhammad, Yousef/Yusuf, -ov/-off, "
        "kh/h, ou/u, dj/j, ...)",
        any, [vocab](const Source& s, Rng* rng, std::string* applied) {
          bool person = s.entity->kind == EntityKind::kPerson;
          // In organization names only name words are respelled, not
          // "Company" or "International".
          return RomanizationVariant(
              s.name,
              [&](std::string_view w) {
                return person || vocab->count(std::string(w)) > 0;
              },
              rng, applied);
        });
  }
  // Words of non-DPRK UN and OFAC names ("BORDER", "GUARD", "HONG KONG")
  // are not Korean, even when they parse as romanized syllables.
  auto non_korean = std::make_shared<std::unordered_set<std::string>>();
  for (const Source& s : VariantSources(*data)) {
    if (IsDprkRecord(*s.entity)) continue;
    for (const Name& n : s.entity->names)
      for (const std::string& w : SplitWords(n.full))
        for (const std::string& part : SplitWords(PunctuationAsSpace(w)))
          non_korean->insert(AsciiLower(part));
  }
  AddVariantSet(
      data, config, "korean_romanization",
      "Korean romanization variants of DPRK records (MR/RR/everyday: ch/j, "
      "k/g, t/d, p/b, o/eo, u/eu, Ri/Li/Lee, Pak/Park, Choe/Choi, "
      "hyphen/space/merge)",
      [](const Entity& e) {
        return IsDprkRecord(e) &&
               (e.kind != EntityKind::kPerson || LooksNorthKorean(e));
      },
      [non_korean](const Source& s, Rng* rng, std::string* applied) {
        bool person = s.entity->kind == EntityKind::kPerson;
        std::vector<bool> korean;
        if (!KoreanWords(s.name, person, *non_korean, &korean))
          return std::string();
        return KoreanRomanizationVariant(s.name, person, korean, rng, applied);
      });
}

void AddAliasHoldout(EvalData* data, const EvalConfig& config) {
  const std::string id = "alias_holdout";
  if (!Wanted(config, id)) return;
  struct Candidate {
    const Entity* entity;
    std::vector<size_t> aliases;
  };
  std::vector<Candidate> candidates;
  for (size_t l = 0; l < data->default_list_count; ++l) {
    for (const Entity& e : data->base[l].entities) {
      Candidate c{&e, {}};
      for (size_t i = 0; i < e.names.size(); ++i) {
        const Name& n = e.names[i];
        if (IsAlias(n) && !IsOriginalScript(n) && IsLatinText(n.full))
          c.aliases.push_back(i);
      }
      // The entity must keep a name to be found by.
      if (!c.aliases.empty() && e.names.size() > 1)
        candidates.push_back(std::move(c));
    }
  }
  Rng rng(SeedFor(config.seed, id));
  rng.Shuffle(&candidates);
  EvalSet set;
  set.id = id;
  set.title = "Alias hold-out: one aka/fka/nka removed from the index, queried";
  set.group = "(a) alias hold-out";
  set.corpus = kAliasCorpus;
  set.available = candidates.size();
  auto held = std::make_shared<std::unordered_map<std::string, std::string>>();
  size_t trivial = 0;
  std::map<std::string, size_t> per_list;
  for (const Candidate& c : candidates) {
    if (set.cases.size() >= config.sample) break;
    const Entity& e = *c.entity;
    size_t pick = c.aliases[rng.Uniform(c.aliases.size())];
    const std::string& alias = e.names[pick].full;
    // "Removing punctuation" either deletes it (AL-QAIDA = ALQAIDA) or
    // reads it as a space (AL-QAIDA = AL QAIDA); equal either way counts.
    std::string folded = FoldForCompare(alias);
    std::string spaced = FoldForCompare(PunctuationAsSpace(alias));
    bool same = false;
    for (size_t i = 0; i < e.names.size(); ++i) {
      if (i == pick) continue;
      same = same || FoldForCompare(e.names[i].full) == folded ||
             FoldForCompare(PunctuationAsSpace(e.names[i].full)) == spaced;
    }
    trivial += same;
    (*held)[e.id] = alias;
    ++per_list[e.provenance.list];
    EvalCase ec;
    ec.query = MakeQuery(alias, e);
    ec.expected_id = e.id;
    ec.source_name = e.primary_name();
    ec.note = same ? "trivially equal to a remaining name" : "";
    set.cases.push_back(std::move(ec));
  }
  set.notes.push_back(fmt::format(
      "{} of {} held-out aliases are trivially equal (lower-cased, "
      "punctuation removed or read as spaces) to a name the entity keeps",
      trivial, set.cases.size()));
  std::string lists;
  for (const auto& [list, n] : per_list)
    lists += fmt::format("{}{} {}", lists.empty() ? "" : ", ", list, n);
  set.notes.push_back("sampled from: " + lists);
  data->sets.push_back(std::move(set));

  Corpus corpus;
  corpus.id = kAliasCorpus;
  corpus.description =
      "the default lists, with one alias removed from each sampled entity";
  for (size_t l = 0; l < data->default_list_count; ++l)
    corpus.base_lists.push_back(l);
  corpus.edit = [held](Entity* e) {
    auto it = held->find(e->id);
    if (it == held->end()) return;
    for (auto n = e->names.begin(); n != e->names.end(); ++n) {
      if (IsAlias(*n) && n->full == it->second) {
        e->names.erase(n);
        return;
      }
    }
  };
  data->corpora.push_back(std::move(corpus));
}

// Original-script names queried against an index that holds only the
// entities' Latin names.
void AddScriptSet(EvalData* data, const EvalConfig& config,
                  const std::string& id, std::string title, std::string group,
                  Script script,
                  const std::function<bool(const EntityList&)>& from) {
  if (!Wanted(config, id)) return;
  EvalSet set;
  set.id = id;
  set.title = std::move(title);
  set.group = std::move(group);
  set.corpus = kScriptCorpus;
  std::map<std::string, size_t> per_list;
  size_t no_latin = 0;
  for (const EntityList& list : data->base) {
    if (!from(list)) continue;
    for (const Entity& e : list.entities) {
      const Name* latin = FirstLatinName(e);
      std::set<std::string> seen;
      for (const Name& n : e.names) {
        if (!IsOriginalScript(n) || DominantScript(n.full) != script) continue;
        if (!seen.insert(FoldForCompare(n.full)).second) continue;
        if (!latin) {
          ++no_latin;
          continue;
        }
        EvalCase c;
        c.query = MakeQuery(n.full, e);
        c.expected_id = e.id;
        c.source_name = latin->full;
        c.note = list.info.name;
        set.cases.push_back(std::move(c));
      }
    }
  }
  set.available = set.cases.size();
  Rng rng(SeedFor(config.seed, id));
  rng.Shuffle(&set.cases);
  if (set.cases.size() > config.sample) set.cases.resize(config.sample);
  for (const EvalCase& c : set.cases) ++per_list[c.note];
  std::string lists;
  for (const auto& [list, n] : per_list)
    lists += fmt::format("{}{} {}", lists.empty() ? "" : ", ", list, n);
  set.notes.push_back("queries from: " + (lists.empty() ? "none" : lists));
  if (no_latin)
    set.notes.push_back(fmt::format(
        "{} {} names skipped: their entity has no Latin name to be found by",
        no_latin, ScriptName(script)));
  data->sets.push_back(std::move(set));
}

void AddScriptHoldout(EvalData* data, const EvalConfig& config,
                      size_t zala_list, size_t uae_list) {
  auto un = [](const EntityList& l) { return IsUn(l); };
  AddScriptSet(
      data, config, "script_cyrillic",
      "Cyrillic original-script names (UN, AU, OpenSanctions zala) "
      "vs Latin listing",
      "(b) original script vs Latin", Script::kCyrillic,
      [](const EntityList& l) { return IsUn(l) || IsAu(l) || IsFtm(l); });
  AddScriptSet(
      data, config, "script_arabic",
      "Arabic original-script names (UN, AU, UAE) vs Latin listing",
      "(b) original script vs Latin", Script::kArabic,
      [](const EntityList& l) { return IsUn(l) || IsAu(l) || IsUae(l); });
  AddScriptSet(
      data, config, "translit_to_latin_ar",
      "Transliteration: UN Arabic original-script name -> Latin listing",
      "(b) generated variants", Script::kArabic, un);
  AddScriptSet(data, config, "translit_to_latin_cy",
               "Transliteration: UN Cyrillic original-script name -> Latin "
               "listing",
               "(b) generated variants", Script::kCyrillic, un);
  bool needed = false;
  for (const EvalSet& s : data->sets)
    needed = needed || s.corpus == kScriptCorpus;
  if (!needed) return;
  Corpus corpus;
  corpus.id = kScriptCorpus;
  corpus.description =
      "the default lists plus OpenSanctions zala and the UAE list, with every "
      "original-script name removed";
  for (size_t l = 0; l < data->default_list_count; ++l)
    corpus.base_lists.push_back(l);
  corpus.base_lists.push_back(zala_list);
  corpus.base_lists.push_back(uae_list);
  corpus.edit = [](Entity* e) {
    std::erase_if(e->names, [](const Name& n) { return IsOriginalScript(n); });
  };
  data->corpora.push_back(std::move(corpus));
}

void AddLatinHoldout(EvalData* data, const EvalConfig& config) {
  const std::string id = "translit_from_latin";
  if (!Wanted(config, id)) return;
  size_t un_list = data->base.size();
  for (size_t l = 0; l < data->default_list_count; ++l)
    if (IsUn(data->base[l])) un_list = l;
  if (un_list == data->base.size()) return;
  EvalSet set;
  set.id = id;
  set.title =
      "Transliteration: Latin name -> UN original-script listing (Latin names "
      "removed)";
  set.group = "(b) generated variants";
  set.corpus = kLatinCorpus;
  std::map<std::string, size_t> per_script;
  for (const Entity& e : data->base[un_list].entities) {
    const Name* latin = FirstLatinName(e);
    const Name* original = nullptr;
    for (const Name& n : e.names)
      if (!original && IsOtherScriptName(n)) original = &n;
    if (!latin || !original) continue;
    EvalCase c;
    c.query = MakeQuery(latin->full, e);
    c.expected_id = e.id;
    c.source_name = original->full;
    c.note = std::string(ScriptName(DominantScript(original->full)));
    set.cases.push_back(std::move(c));
  }
  set.available = set.cases.size();
  Rng rng(SeedFor(config.seed, id));
  rng.Shuffle(&set.cases);
  if (set.cases.size() > config.sample) set.cases.resize(config.sample);
  for (const EvalCase& c : set.cases) ++per_script[c.note];
  std::string scripts;
  for (const auto& [s, n] : per_script)
    scripts += fmt::format("{}{} {}", scripts.empty() ? "" : ", ", s, n);
  set.notes.push_back("listed scripts: " + scripts);
  data->sets.push_back(std::move(set));

  Corpus corpus;
  corpus.id = kLatinCorpus;
  corpus.description =
      "the UN list alone; entities with an original-script name keep only "
      "their original-script names";
  corpus.base_lists.push_back(un_list);
  corpus.edit = [](Entity* e) {
    bool has_original = false;
    for (const Name& n : e->names)
      has_original = has_original || IsOtherScriptName(n);
    if (has_original)
      std::erase_if(e->names,
                    [](const Name& n) { return !IsOtherScriptName(n); });
  };
  data->corpora.push_back(std::move(corpus));
}

void AddHangul(EvalData* data, const EvalConfig& config) {
  const std::string id = "hangul_synthetic";
  if (!Wanted(config, id)) return;
  EvalSet set;
  set.id = id;
  set.title =
      "Hangul (SYNTHETIC: composed from the romanized DPRK names) vs Latin "
      "listing";
  set.group = "(b) original script vs Latin";
  set.corpus = kDefaultCorpus;
  for (const Source& s : VariantSources(*data)) {
    const Entity& e = *s.entity;
    if (e.kind != EntityKind::kPerson || !IsDprkRecord(e) ||
        !LooksNorthKorean(e))
      continue;
    std::string hangul = KoreanNameToHangul(s.name);
    if (hangul.empty()) continue;
    EvalCase c;
    c.query = MakeQuery(hangul, e);
    c.expected_id = e.id;
    c.source_name = s.name;
    c.note = "synthetic Hangul";
    set.cases.push_back(std::move(c));
  }
  set.available = set.cases.size();
  Rng rng(SeedFor(config.seed, id));
  rng.Shuffle(&set.cases);
  if (set.cases.size() > config.sample) set.cases.resize(config.sample);
  set.notes.push_back(
      "synthetic: the official lists carry no Hangul; each DPRK person's "
      "romanized name (UN KPi, OFAC DPRK*) was composed into Hangul "
      "syllables by tests/eval/korean.cc (a table of common name syllables, "
      "else initial/vowel/final jamo by rule), family name first, no spaces");
  data->sets.push_back(std::move(set));
}

PartialDate ParseFixtureDate(std::string_view text) {
  PartialDate d;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  int y = num(0, 4);
  if (y <= 0) return d;
  d.year = static_cast<std::int16_t>(y);
  if (text.size() >= 7 && text[4] == '-') {
    int m = num(5, 2);
    if (m >= 1 && m <= 12) d.month = static_cast<std::uint8_t>(m);
    if (text.size() >= 10 && text[7] == '-') {
      int day = num(8, 2);
      if (day >= 1 && day <= 31) d.day = static_cast<std::uint8_t>(day);
    }
  }
  return d;
}

std::string FixtureCountry(const std::string& text) {
  if (text.size() == 2 && IsCountryCode(AsciiUpper(text)))
    return AsciiUpper(text);
  return CountryCode(text);
}

Gender FixtureGender(const std::string& text) {
  std::string g = AsciiLower(text);
  if (g == "male" || g == "m") return Gender::kMale;
  if (g == "female" || g == "f") return Gender::kFemale;
  return Gender::kUnknown;
}

struct PersonRow {
  std::string name;
  PartialDate birth;
  std::string country;
  Gender gender = Gender::kUnknown;
};

Result<std::vector<PersonRow>> ReadPersonCsv(const std::string& path) {
  auto rows = ReadCsv(path);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::DataError(path + ": empty");
  const auto& header = (*rows)[0];
  auto col = [&](std::string_view name) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  int name = col("full_name"), dob = col("date_of_birth"),
      nat = col("nationality"), gender = col("gender");
  if (name < 0) return Status::DataError(path + ": no full_name column");
  std::vector<PersonRow> out;
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    auto get = [&](int c) {
      return c >= 0 && static_cast<size_t>(c) < row.size() ? row[c]
                                                           : std::string();
    };
    PersonRow p;
    p.name = get(name);
    p.birth = ParseFixtureDate(get(dob));
    p.country = FixtureCountry(get(nat));
    p.gender = FixtureGender(get(gender));
    out.push_back(std::move(p));
  }
  return out;
}

Query PersonQuery(const PersonRow& row, bool with_features) {
  Query q;
  q.name = row.name;
  q.kind = EntityKind::kPerson;
  if (with_features) {
    q.birth_date = row.birth;
    q.country = row.country;
    q.gender = row.gender;
  }
  return q;
}

Status AddYente(EvalData* data, const EvalConfig& config) {
  std::string dir = config.data_dir + "/name_matching/yente/";
  if (Wanted(config, "yente_treated")) {
    std::string untreated_path = dir + "positives_un_untreated.csv";
    std::string treated_path = dir + "positives_un_treated.csv";
    auto untreated = ReadPersonCsv(untreated_path);
    if (!untreated.ok()) return untreated.status();
    auto treated = ReadPersonCsv(treated_path);
    if (!treated.ok()) return treated.status();
    if (untreated->size() != treated->size())
      return Status::DataError(fmt::format(
          "{} has {} rows but {} has {}: they must be line-aligned",
          untreated_path, untreated->size(), treated_path, treated->size()));
    data->files.push_back(untreated_path);
    data->files.push_back(treated_path);
    EntityList list;
    list.info.name = "yente_un_untreated";
    list.info.format = "fixture";
    list.info.files = {untreated_path};
    EvalSet set;
    set.id = "yente_treated";
    set.title = "yente UN persons: treated (typos, reordering) -> untreated";
    set.group = "(c) yente fixtures";
    set.corpus = "yente";
    size_t with_dob = 0, with_country = 0;
    for (size_t i = 0; i < untreated->size(); ++i) {
      const PersonRow& u = (*untreated)[i];
      Entity e;
      e.id = fmt::format("yente-{}", i + 1);
      e.kind = EntityKind::kPerson;
      Name n;
      n.full = u.name;
      e.names.push_back(std::move(n));
      if (!u.birth.empty()) {
        DateSpec d;
        d.from = u.birth;
        d.text = u.birth.ToString();
        e.birth_dates.push_back(std::move(d));
      }
      if (!u.country.empty()) e.nationalities.push_back(u.country);
      e.gender = u.gender;
      e.provenance.list = list.info.name;
      e.provenance.record_id = std::to_string(i + 1);
      e.provenance.line = i + 2;
      const PersonRow& t = (*treated)[i];
      EvalCase c;
      c.query = PersonQuery(t, true);
      with_dob += !t.birth.empty();
      with_country += !t.country.empty();
      c.expected_id = e.id;
      c.source_name = u.name;
      c.note = fmt::format("row {}", i + 1);
      set.cases.push_back(std::move(c));
      list.entities.push_back(std::move(e));
    }
    set.available = set.cases.size();
    if (config.fixture_sample && set.cases.size() > config.fixture_sample) {
      Rng rng(SeedFor(config.seed, set.id));
      rng.Shuffle(&set.cases);
      set.cases.resize(config.fixture_sample);
    }
    set.notes.push_back(fmt::format(
        "index: the {} untreated rows as person entities (birth date and "
        "nationality where given); queries carry the treated row's birth "
        "date ({} of {}) and nationality ({} of {})",
        list.entities.size(), with_dob, treated->size(), with_country,
        treated->size()));
    Corpus corpus;
    corpus.id = "yente";
    corpus.description = "positives_un_untreated.csv as a synthetic list";
    corpus.synthetic.push_back(std::move(list));
    data->corpora.push_back(std::move(corpus));
    data->sets.push_back(std::move(set));
  }
  for (const auto& [file, label] :
       std::vector<std::pair<std::string, std::string>>{
           {"negatives_global", "global"}, {"negatives_us", "us"}}) {
    for (bool features : {true, false}) {
      std::string id = "neg_" + label + (features ? "" : "_name_only");
      if (!Wanted(config, id)) continue;
      std::string path = dir + file + ".csv";
      auto rows = ReadPersonCsv(path);
      if (!rows.ok()) return rows.status();
      if (features) data->files.push_back(path);
      EvalSet set;
      set.id = id;
      set.title =
          fmt::format("yente {}: {} synthetic persons vs the default lists{}",
                      file, rows->size(),
                      features ? " (with birth date, nationality, gender)"
                               : " (name only)");
      set.group = "(c) yente fixtures";
      set.corpus = kDefaultCorpus;
      set.negative = true;
      for (size_t i = 0; i < rows->size(); ++i) {
        EvalCase c;
        c.query = PersonQuery((*rows)[i], features);
        c.source_name = (*rows)[i].name;
        c.note = fmt::format("row {}", i + 1);
        set.cases.push_back(std::move(c));
      }
      set.available = set.cases.size();
      if (config.fixture_sample && set.cases.size() > config.fixture_sample) {
        Rng rng(SeedFor(config.seed, set.id));
        rng.Shuffle(&set.cases);
        set.cases.resize(config.fixture_sample);
      }
      data->sets.push_back(std::move(set));
    }
  }
  return Status::Ok();
}

Status AddWatchman(EvalData* data, const EvalConfig& config) {
  const std::string id = "watchman_cross_script";
  if (!Wanted(config, id)) return Status::Ok();
  std::string path =
      config.data_dir + "/name_matching/watchman/cross_script_pairs.csv";
  auto rows = ReadCsv(path, '#');
  if (!rows.ok()) return rows.status();
  data->files.push_back(path);
  EntityList list;
  list.info.name = "watchman_pairs";
  list.info.format = "fixture";
  list.info.files = {path};
  std::map<std::string, std::string> id_of;  // expected name -> entity id
  EvalSet set;
  set.id = id;
  set.title = "watchman cross_script_pairs.csv: Query -> Expected Match";
  set.group = "(d) watchman cross-script pairs";
  set.corpus = "watchman";
  set.top1 = true;
  for (size_t r = 0; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    if (row.size() < 2 || row[0] == "Query") continue;
    auto [it, inserted] =
        id_of.emplace(row[1], fmt::format("watchman-{}", id_of.size() + 1));
    if (inserted) {
      Entity e;
      e.id = it->second;
      e.kind = EntityKind::kPerson;
      Name n;
      n.full = row[1];
      e.names.push_back(std::move(n));
      e.provenance.list = list.info.name;
      list.entities.push_back(std::move(e));
    }
    EvalCase c;
    c.query.name = row[0];
    c.query.kind = EntityKind::kPerson;
    c.expected_id = it->second;
    c.source_name = row[1];
    c.note = row.size() > 3 ? row[3] : "";
    set.cases.push_back(std::move(c));
  }
  set.available = set.cases.size();
  set.notes.push_back(fmt::format(
      "index: the {} distinct Expected Match names as person entities",
      list.entities.size()));
  Corpus corpus;
  corpus.id = "watchman";
  corpus.description = "the Expected Match names of cross_script_pairs.csv";
  corpus.synthetic.push_back(std::move(list));
  data->corpora.push_back(std::move(corpus));
  data->sets.push_back(std::move(set));
  return Status::Ok();
}

Status AddNetranslit(EvalData* data, const EvalConfig& config) {
  for (std::string script : {"arabic", "russian", "chinese", "korean"}) {
    std::string id = "netranslit_" + script;
    if (!Wanted(config, id)) continue;
    std::string path = config.data_dir +
                       "/name_matching/netransliteration/wd_" + script + "_20";
    auto text = ReadFile(path);
    if (!text.ok()) return text.status();
    data->files.push_back(path);
    struct Pair {
      std::string latin, target;
    };
    std::vector<Pair> pairs;
    size_t start = 0;
    while (start < text->size()) {
      size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      std::string_view line(text->data() + start, end - start);
      start = end + 1;
      size_t tab1 = line.find('\t');
      if (tab1 == std::string_view::npos) continue;
      size_t tab2 = line.find('\t', tab1 + 1);
      std::string latin(line.substr(0, tab1));
      std::string target;
      for (const std::string& ch : SplitWords(line.substr(
               tab1 + 1, tab2 == std::string_view::npos ? std::string_view::npos
                                                        : tab2 - tab1 - 1)))
        target += ch;
      if (latin.empty() || target.empty()) continue;
      pairs.push_back({std::move(latin), std::move(target)});
    }
    EvalSet set;
    set.id = id;
    set.title = fmt::format("NETransliteration wd_{}_20: {} word -> Latin word",
                            script, script);
    set.group = "(e) NETransliteration word pairs";
    set.corpus = id;
    set.top1 = true;
    set.available = pairs.size();
    Rng rng(SeedFor(config.seed, id));
    rng.Shuffle(&pairs);
    if (pairs.size() > config.netranslit_sample)
      pairs.resize(config.netranslit_sample);
    EntityList list;
    list.info.name = id;
    list.info.format = "fixture";
    list.info.files = {path};
    std::map<std::string, std::string> id_of;
    for (const Pair& p : pairs) {
      auto [it, inserted] = id_of.emplace(
          p.latin, fmt::format("nt-{}-{}", script, id_of.size() + 1));
      if (inserted) {
        Entity e;
        e.id = it->second;
        e.kind = EntityKind::kPerson;
        Name n;
        n.full = p.latin;
        e.names.push_back(std::move(n));
        e.provenance.list = list.info.name;
        list.entities.push_back(std::move(e));
      }
      EvalCase c;
      c.query.name = p.target;
      c.query.kind = EntityKind::kPerson;
      c.expected_id = it->second;
      c.source_name = p.latin;
      set.cases.push_back(std::move(c));
    }
    set.notes.push_back(fmt::format(
        "{} sampled pairs of {}; index: their {} distinct Latin words",
        set.cases.size(), set.available, list.entities.size()));
    Corpus corpus;
    corpus.id = id;
    corpus.description =
        fmt::format("the Latin words of the sampled wd_{}_20 pairs", script);
    corpus.synthetic.push_back(std::move(list));
    data->corpora.push_back(std::move(corpus));
    data->sets.push_back(std::move(set));
  }
  return Status::Ok();
}

}  // namespace

bool IsDprkRecord(const Entity& entity) {
  const std::string& rid = entity.provenance.record_id;
  if (rid.rfind("KPi.", 0) == 0 || rid.rfind("KPe.", 0) == 0) return true;
  for (const Program& p : entity.programs)
    if (p.code.rfind("DPRK", 0) == 0) return true;
  return false;
}

const Corpus* EvalData::FindCorpus(const std::string& id) const {
  for (const Corpus& c : corpora)
    if (c.id == id) return &c;
  return nullptr;
}

Result<std::vector<std::string>> ReadListsConf(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<std::string> specs;
  fs::path base = fs::path(path).parent_path();
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::string prefix;
    std::string file = line;
    if (size_t colon = line.find(':');
        colon != std::string::npos && ParseListFormat(line.substr(0, colon))) {
      prefix = line.substr(0, colon + 1);
      file = line.substr(colon + 1);
    }
    if (fs::path(file).is_relative())
      file = (base / file).lexically_normal().string();
    specs.push_back(prefix + file);
  }
  if (specs.empty()) return Status::InvalidArgument(path + ": names no lists");
  return specs;
}

Result<EvalData> BuildEvalData(const EvalConfig& config) {
  EvalData data;
  auto lists = LoadLists(config.list_specs);
  if (!lists.ok()) return lists.status();
  data.base = std::move(*lists);
  data.default_list_count = data.base.size();
  std::string zala_path =
      config.data_dir + "/opensanctions/yente_zala/entities.ftm.json";
  std::string uae_path =
      config.data_dir + "/uae_local_terrorist_list/LS1309232025.csv";
  auto zala = LoadList("ftm:" + zala_path);
  if (!zala.ok()) return zala.status();
  auto uae = LoadList("uae_csv:" + uae_path);
  if (!uae.ok()) return uae.status();
  data.files.push_back(zala_path);
  data.files.push_back(uae_path);
  size_t zala_list = data.base.size();
  data.base.push_back(std::move(*zala));
  size_t uae_list = data.base.size();
  data.base.push_back(std::move(*uae));

  AddAliasHoldout(&data, config);
  AddGeneratedSets(&data, config);
  AddLatinHoldout(&data, config);
  AddScriptHoldout(&data, config, zala_list, uae_list);
  AddHangul(&data, config);
  EMBARGO_RETURN_IF_ERROR(AddYente(&data, config));
  EMBARGO_RETURN_IF_ERROR(AddWatchman(&data, config));
  EMBARGO_RETURN_IF_ERROR(AddNetranslit(&data, config));

  // Report order: by group, (a) to (e); within a group, as built.
  std::stable_sort(
      data.sets.begin(), data.sets.end(),
      [](const EvalSet& a, const EvalSet& b) { return a.group < b.group; });
  bool default_needed = false;
  for (const EvalSet& s : data.sets)
    default_needed = default_needed || s.corpus == kDefaultCorpus;
  if (default_needed) {
    Corpus corpus;
    corpus.id = kDefaultCorpus;
    corpus.description = "the default lists, unchanged";
    for (size_t l = 0; l < data.default_list_count; ++l)
      corpus.base_lists.push_back(l);
    data.corpora.insert(data.corpora.begin(), std::move(corpus));
  }
  return data;
}

Result<std::unique_ptr<Screener>> BuildCorpusScreener(const EvalData& data,
                                                      const Corpus& corpus) {
  std::vector<EntityList> lists;
  for (size_t l : corpus.base_lists) {
    if (l >= data.base.size())
      return Status::InvalidArgument(
          fmt::format("corpus {}: no base list {}", corpus.id, l));
    EntityList copy = data.base[l];
    if (corpus.edit) {
      for (Entity& e : copy.entities) corpus.edit(&e);
      std::erase_if(copy.entities,
                    [](const Entity& e) { return e.names.empty(); });
    }
    lists.push_back(std::move(copy));
  }
  for (const EntityList& l : corpus.synthetic) lists.push_back(l);
  return Screener::Build(std::move(lists));
}

}  // namespace embargo::eval
