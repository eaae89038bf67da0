// Country names to ISO 3166-1 alpha-2 codes, through a table of official,
// common, list-specific and historical names (src/model/data/countries.tsv).
// Thread-safety: the table is built once, on first use; all functions are
// safe to call from many threads.
#ifndef EMBARGO_COUNTRY_H_
#define EMBARGO_COUNTRY_H_

#include <string>
#include <string_view>

namespace embargo {

// "Democratic People's Republic of Korea", "Korea, North", "North Korea",
// "DPRK", "KP", "KPNAM"-style prefixes are not countries: returns "" for text
// the table does not know. Case, accents, punctuation and "the" are ignored.
// Historical states map to their ISO 3166-3 four-letter codes' alpha-2 part
// where it is still used (e.g. "USSR" -> "SU", "Yugoslavia" -> "YU").
std::string CountryCode(std::string_view text);

// The English short name of an alpha-2 code, or "" if unknown.
std::string_view CountryName(std::string_view code);

// True for an assigned alpha-2 code (or one of the historical codes above).
bool IsCountryCode(std::string_view code);

}  // namespace embargo

#endif  // EMBARGO_COUNTRY_H_
