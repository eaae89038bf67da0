// The Canada SEMA loader's alias splitter, exposed for its tests: the
// Aliases field of sema-lmes.xml is free text that needs more care than a
// split at commas (see ca_xml.cc).
// Thread-safety: pure function.
#ifndef EMBARGO_SOURCES_CA_XML_H_
#define EMBARGO_SOURCES_CA_XML_H_

#include <string>
#include <string_view>
#include <vector>

namespace embargo::internal {

// One name out of a SEMA Aliases field, with the language its label gave
// ("Russian: ..."), or "".
struct CaAlias {
  std::string name;
  std::string language;
};

// Splits an Aliases field into names. `person` turns on the person-only
// rules (" and " separates names; lone words are spelling variants); `given`
// and `family` are the record's own name parts, used for those variants:
// "Andrei" on "Andrey Igorevich AKIMOV" becomes "Andrei Igorevich AKIMOV".
std::vector<CaAlias> SplitCaAliases(std::string_view text, bool person,
                                    std::string_view given,
                                    std::string_view family);

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_CA_XML_H_
