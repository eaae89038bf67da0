// Route points to jurisdictions: UN/LOCODEs (the first two letters are the
// ISO country: KPNAM is Nampho, DPRK), ISO alpha-2 codes, ISO 3166-2
// subdivision codes (UA-43), a small table of DPRK ports by name (Nampho,
// Chongjin, Hungnam, Wonsan, Rajin, Songrim, Haeju, Sonbong and their
// spellings), sub-national regions that rule sets define (Crimea, the
// so-called DNR and LNR), and, last, country names through CountryCode().
// Thread-safety: pure functions; the port table is a constant.
#ifndef EMBARGO_TRADE_PLACES_H_
#define EMBARGO_TRADE_PLACES_H_

#include <string>
#include <string_view>
#include <vector>

namespace embargo::internal {

// A sub-national jurisdiction a rule set defines, e.g. the Crimea region of
// Ukraine.
struct Region {
  std::string id;  // e.g. "UA-CRIMEA"; rules name it in jurisdictions
  std::string name;
  std::string country;                    // ISO alpha-2 of the state it lies in
  std::vector<std::string> subdivisions;  // ISO 3166-2 codes, e.g. "UA-43"
  std::vector<std::string> locodes;       // e.g. "UASVP"
  std::vector<std::string> names;         // place names, matched as words
  std::vector<std::vector<std::string>> name_tokens;  // AsciiTokens(names)
};

struct Place {
  std::string text;                  // as given
  std::string country;               // ISO alpha-2, "" when unresolved
  std::string locode;                // when given or known from the port table
  std::string port;                  // a port name, when known
  std::vector<std::string> regions;  // ids of the regions it lies in
  std::string how;  // locode, country_code, subdivision, port_table,
                    // region_name, country_name, "" (unresolved)
  bool resolved() const { return !country.empty(); }
  // "KPNAM (Nampho, KP)", "Dalian, China (CN)", "Foo (unresolved)".
  std::string Describe() const;
};

// Resolves one route point. `regions` are those of the loaded rule sets.
Place ResolvePlace(std::string_view text,
                   const std::vector<const Region*>& regions);

// The DPRK port table, for docs and tests: LOCODE ("" where the table has
// none) and name.
struct PortEntry {
  const char* locode;
  const char* name;
  std::vector<const char*> aliases;  // lowercase ASCII spellings
};
const std::vector<PortEntry>& DprkPorts();

}  // namespace embargo::internal

#endif  // EMBARGO_TRADE_PLACES_H_
