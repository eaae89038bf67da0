// Parsing the semi-structured Remarks column of OFAC's legacy CSV files
// ("DOB 12 Jun 1966; POB Pyongyang, North Korea; nationality Korea, North;
// Passport 563410081 (Korea, North); a.k.a. 'BNC'; Linked To: ...") into
// typed fields. Text stays as published: country names are not mapped to
// codes and dates are not parsed here, so the loader can name the file and
// line when one of them is bad.
// Thread-safety: pure functions; the key table is immutable.
#ifndef EMBARGO_SOURCES_OFAC_REMARKS_H_
#define EMBARGO_SOURCES_OFAC_REMARKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "embargo/entity.h"

namespace embargo::internal {

// An identifier found in the remarks, e.g. "Passport 563410081 (Korea,
// North) issued 01 Jan 2010 expires 01 Jan 2015".
struct OfacRemarkId {
  IdKind kind = IdKind::kOther;
  std::string label;    // the key as published: "Passport", "Cedula No."
  std::string value;    // "563410081"
  std::string country;  // the last parenthesized part: "Korea, North"
  // Everything else: earlier parenthesized parts ("Stuttgart"), "issued
  // 01 Jan 2010 expires 01 Jan 2015".
  std::string notes;
};

// An a.k.a./f.k.a./n.k.a./d.b.a. in the remarks. OFAC writes only its weak
// (low-quality) aliases there, in single quotes; strong ones live in
// alt.csv. A name in double quotes is weak too.
struct OfacRemarkAlias {
  NameType type = NameType::kAka;
  NameQuality quality = NameQuality::kWeak;
  std::string name;
};

struct OfacRemarks {
  std::vector<std::string> birth_dates;    // "12 Jun 1966", "circa 1960"
  std::vector<std::string> birth_places;   // "Pyongyang, North Korea"
  std::vector<std::string> nationalities;  // "Korea, North"
  std::vector<std::string> citizenships;
  // "Nationality of Registration" of an aircraft or vessel.
  std::vector<std::string> registration_countries;
  Gender gender = Gender::kUnknown;
  std::vector<std::string> titles;     // "Colonel", "Title: Sheikh"
  std::vector<std::string> positions;  // "Position: X", "Title X" (a post)
  std::vector<OfacRemarkAlias> aliases;
  std::vector<OfacRemarkId> identifiers;
  std::vector<std::string> established_dates;  // Organization Established Date
  std::string vessel_build_year;               // Vessel Year of Build
  std::string aircraft_model;
  std::string aircraft_operator;
  std::string aircraft_build_date;  // Aircraft Manufacture Date
  // Recognized segments that are text by nature (Linked To, sanctions
  // information, directives, former flags, organization type), as published.
  std::vector<std::string> info;
  // Segments that matched no known key, as published.
  std::vector<std::string> unparsed;
  // `unparsed` joined with "; ": what the parser could not type.
  std::string leftover;
};

// True for an honorific or rank ("Haji", "Doctor", "Major General",
// "Mufti or Maulana") as opposed to a post ("Minister of Finance"): OFAC
// mixes both in its Title column and repeats them in the remarks.
bool IsOfacHonorific(std::string_view text);

// Splits `remarks` on "; " and types every segment it recognizes. A leading
// "alt. " (another value of the same kind) is dropped for typed fields and
// kept in `info`. Never fails: what it cannot read lands in `unparsed`.
OfacRemarks ParseOfacRemarks(std::string_view remarks);

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_OFAC_REMARKS_H_
