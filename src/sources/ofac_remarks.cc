#include "sources/ofac_remarks.h"

#include <array>
#include <cctype>

namespace embargo::internal {
namespace {

enum class Field : std::uint8_t {
  kDob,
  kPob,
  kNationality,
  kCitizen,
  kRegistrationCountry,
  kGender,
  kPosition,
  kTitle,
  kEstablished,
  kVesselBuild,
  kAircraftModel,
  kAircraftOperator,
  kAircraftBuild,
  kId,       // an identifier that may name its issuing country in parentheses
  kIdPlain,  // an identifier whose parentheses belong to the value
  kInfo,     // text kept as published
};

struct Key {
  std::string_view text;
  Field field;
  IdKind kind = IdKind::kOther;
};

// Every key seen in the 2021-07-07 and 2024-05-03 SDN files and the
// 2025-12-19 consolidated file at least twice (and a few rarer ones). The
// longest matching key wins, so "Identification Number IMO" beats
// "Identification Number".
constexpr auto kKeys = std::to_array<Key>({
    {"DOB", Field::kDob},
    {"POB", Field::kPob},
    {"nationality", Field::kNationality},
    {"citizen", Field::kCitizen},
    {"Nationality of Registration", Field::kRegistrationCountry},
    {"Registration Country", Field::kRegistrationCountry},
    {"Gender", Field::kGender},
    {"Position", Field::kPosition},
    {"Title", Field::kTitle},
    {"Organization Established Date", Field::kEstablished},
    {"Vessel Year of Build", Field::kVesselBuild},
    {"Aircraft Model", Field::kAircraftModel},
    {"Aircraft Operator", Field::kAircraftOperator},
    {"Aircraft Manufacture Date", Field::kAircraftBuild},

    // Text by nature.
    {"Linked To", Field::kInfo},
    {"Additional Sanctions Information", Field::kInfo},
    {"Secondary sanctions risk", Field::kInfo},
    {"Transactions Prohibited For Persons Owned or Controlled By U.S. "
     "Financial Institutions",
     Field::kInfo},
    {"Executive Order", Field::kInfo},
    {"CAATSA Section", Field::kInfo},
    {"IFCA Determination", Field::kInfo},
    {"For more information", Field::kInfo},
    {"Listing Date", Field::kInfo},
    {"Effective Date", Field::kInfo},
    {"Purchase/Sales For Divestment Date", Field::kInfo},
    {"Organization Type", Field::kInfo},
    {"Target Type", Field::kInfo},
    {"Former Vessel Flag", Field::kInfo},
    {"Other Vessel Flag", Field::kInfo},
    {"Other Vessel Type", Field::kInfo},
    {"Issuer Name", Field::kInfo},
    {"all offices worldwide", Field::kInfo},
    {"arrested", Field::kInfo},
    {"ICTY indictee", Field::kInfo},
    {"Individual's height is", Field::kInfo},
    {"named in UNSCR", Field::kInfo},
    {"PEESA Information", Field::kInfo},
    {"United States financial institutions are prohibited", Field::kInfo},
    {"all branches worldwide", Field::kInfo},
    {"and all other locations", Field::kInfo},
    {"and all other offices", Field::kInfo},
    {"and other locations", Field::kInfo},
    {"all locations", Field::kInfo},
    {"ethnicity", Field::kInfo},
    {"Tribe", Field::kInfo},

    // Vessels and aircraft.
    {"Vessel Registration Identification IMO", Field::kIdPlain, IdKind::kImo},
    {"Vessel Registration Identification", Field::kId, IdKind::kRegistration},
    {"Identification Number IMO", Field::kIdPlain, IdKind::kImo},
    {"Company Number IMO", Field::kIdPlain, IdKind::kImo},
    {"International Maritime Organization No.", Field::kId, IdKind::kImo},
    {"IMO", Field::kIdPlain, IdKind::kImo},
    {"MMSI", Field::kIdPlain, IdKind::kMmsi},
    {"Other Vessel Call Sign", Field::kIdPlain, IdKind::kCallSign},
    {"Aircraft Manufacturer's Serial Number (MSN)", Field::kIdPlain,
     IdKind::kAircraftSerial},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)",
     Field::kIdPlain, IdKind::kAircraftSerial},
    {"Aircraft Serial Identification", Field::kIdPlain,
     IdKind::kAircraftSerial},
    {"Aircraft Tail Number", Field::kIdPlain, IdKind::kTailNumber},
    {"Previous Aircraft Tail Number", Field::kIdPlain, IdKind::kTailNumber},
    {"Aircraft Mode S Transponder Code", Field::kIdPlain},

    // Contact details and other plain values.
    {"Website", Field::kIdPlain, IdKind::kWebsite},
    {"Email Address", Field::kIdPlain, IdKind::kEmail},
    {"Email", Field::kIdPlain, IdKind::kEmail},
    {"Phone Number", Field::kIdPlain, IdKind::kPhone},
    {"Phone", Field::kIdPlain, IdKind::kPhone},
    {"Telephone", Field::kIdPlain, IdKind::kPhone},
    {"Alt. Telephone", Field::kIdPlain, IdKind::kPhone},
    {"Tel.", Field::kIdPlain, IdKind::kPhone},
    {"Fax", Field::kIdPlain, IdKind::kPhone},
    {"Fax No.", Field::kIdPlain, IdKind::kPhone},
    {"Alt. Fax", Field::kIdPlain, IdKind::kPhone},
    {"TELEX", Field::kIdPlain},
    {"SWIFT/BIC", Field::kIdPlain, IdKind::kSwiftBic},
    {"Digital Currency Address", Field::kIdPlain},
    {"ISIN", Field::kIdPlain},
    {"Equity Ticker", Field::kIdPlain},
    {"Chinese Commercial Code", Field::kIdPlain},
    {"BIK (RU)", Field::kIdPlain},

    // Travel documents.
    {"Passport", Field::kId, IdKind::kPassport},
    {"Passport No.", Field::kId, IdKind::kPassport},
    {"Passport Booklet", Field::kId, IdKind::kPassport},
    {"Diplomatic Passport", Field::kId, IdKind::kPassport},
    {"Travel Document Number", Field::kId, IdKind::kPassport},
    {"British National Overseas Passport", Field::kId, IdKind::kPassport},
    {"Stateless Person Passport", Field::kId, IdKind::kPassport},
    {"U.S.A. Passport", Field::kId, IdKind::kPassport},

    // Personal identity numbers.
    {"National ID No.", Field::kId, IdKind::kNationalId},
    {"Cedula No.", Field::kId, IdKind::kNationalId},
    {"C.U.R.P.", Field::kId, IdKind::kNationalId},
    {"D.N.I.", Field::kId, IdKind::kNationalId},
    {"Personal ID Card", Field::kId, IdKind::kNationalId},
    {"Identification Number", Field::kId, IdKind::kNationalId},
    {"Turkish Identification Number", Field::kId, IdKind::kNationalId},
    {"Numero de Identidad", Field::kId, IdKind::kNationalId},
    {"C.U.I.", Field::kId, IdKind::kNationalId},
    {"SSN", Field::kId, IdKind::kNationalId},
    {"Citizen's Card Number", Field::kId, IdKind::kNationalId},
    {"National Foreign ID Number", Field::kId, IdKind::kNationalId},
    {"Credencial electoral", Field::kId, IdKind::kNationalId},
    {"I.F.E.", Field::kId, IdKind::kNationalId},
    {"Electoral Registry No.", Field::kId, IdKind::kNationalId},
    {"Kenyan ID No.", Field::kId, IdKind::kNationalId},
    {"Tazkira National ID Card", Field::kId, IdKind::kNationalId},
    {"UAE Identification", Field::kId, IdKind::kNationalId},
    {"Bosnian Personal ID No.", Field::kId, IdKind::kNationalId},
    {"Moroccan Personal ID No.", Field::kId, IdKind::kNationalId},
    {"N.I.E.", Field::kId, IdKind::kNationalId},
    {"CNP (Personal Numerical Code)", Field::kId, IdKind::kNationalId},
    {"Stateless Person ID Card", Field::kId, IdKind::kNationalId},
    {"Refugee ID Card", Field::kId, IdKind::kNationalId},
    {"Romanian Permanent Resident", Field::kId, IdKind::kNationalId},
    {"Residency Number", Field::kId},
    {"C.U.I.P.", Field::kId},
    {"Birth Certificate Number", Field::kId},
    {"Driver's License No.", Field::kId},
    {"Cartilla de Servicio Militar Nacional", Field::kId},
    {"Military Registration Number", Field::kId},
    {"Pilot License Number", Field::kId},
    {"Seafarer's Identification Document", Field::kId},
    {"VisaNumberID", Field::kId},
    {"Immigration No.", Field::kId},
    {"Public Security and Immigration No.", Field::kId},
    {"Temporary suspension of deportation No.", Field::kId},
    {"Interpol: Red Notice. File No.", Field::kId},
    {"Permit Number", Field::kId},
    {"SRE Permit No.", Field::kId},
    {"File Number", Field::kId},
    {"Serial No.", Field::kId},
    {"License", Field::kId},
    {"Tourism License No.", Field::kId},
    {"Afghan Money Service Provider License Number", Field::kId},
    {"Tarjeta Profesional", Field::kId},
    {"Trademark number", Field::kId},

    // Tax numbers.
    {"Tax ID No.", Field::kId, IdKind::kTaxId},
    {"R.F.C.", Field::kId, IdKind::kTaxId},
    {"RFC", Field::kId, IdKind::kTaxId},
    {"NIT #", Field::kId, IdKind::kTaxId},
    {"RUC #", Field::kId, IdKind::kTaxId},
    {"RIF #", Field::kId, IdKind::kTaxId},
    {"V.A.T. Number", Field::kId, IdKind::kTaxId},
    {"Italian Fiscal Code", Field::kId, IdKind::kTaxId},
    {"Fiscal Code", Field::kId, IdKind::kTaxId},
    {"US FEIN", Field::kId, IdKind::kTaxId},
    {"C.U.I.T.", Field::kId, IdKind::kTaxId},
    {"RTN", Field::kId, IdKind::kTaxId},
    {"C.I.F.", Field::kId, IdKind::kTaxId},
    {"Paraguayan tax identification number", Field::kId, IdKind::kTaxId},
    {"Romanian Tax Registration", Field::kId, IdKind::kTaxId},
    {"Numero Unico de Identificacao Tributaria (NUIT)", Field::kId,
     IdKind::kTaxId},
    {"RSIN", Field::kId, IdKind::kTaxId},
    {"N.I.F.", Field::kId, IdKind::kTaxId},

    // Company registrations.
    {"Registration Number", Field::kId, IdKind::kRegistration},
    {"Registration ID", Field::kId, IdKind::kRegistration},
    {"Government Gazette Number", Field::kId, IdKind::kRegistration},
    {"Business Registration Number", Field::kId, IdKind::kRegistration},
    {"Business Registration Document #", Field::kId, IdKind::kRegistration},
    {"Folio Mercantil No.", Field::kId, IdKind::kRegistration},
    {"Company Number", Field::kId, IdKind::kRegistration},
    {"UK Company Number", Field::kId, IdKind::kRegistration},
    {"Company ID", Field::kId, IdKind::kRegistration},
    {"Commercial Registry Number", Field::kId, IdKind::kRegistration},
    {"Unified Social Credit Code (USCC)", Field::kId, IdKind::kRegistration},
    {"United Social Credit Code Certificate (USCCC)", Field::kId,
     IdKind::kRegistration},
    {"Matricula Mercantil No", Field::kId, IdKind::kRegistration},
    {"C.R. No.", Field::kId, IdKind::kRegistration},
    {"Legal Entity Number", Field::kId, IdKind::kRegistration},
    {"D-U-N-S Number", Field::kId, IdKind::kRegistration},
    {"Economic Register Number (CBLS)", Field::kId, IdKind::kRegistration},
    {"Trade License No.", Field::kId, IdKind::kRegistration},
    {"Chamber of Commerce Number", Field::kId, IdKind::kRegistration},
    {"Public Registration Number", Field::kId, IdKind::kRegistration},
    {"Central Registration System Number", Field::kId, IdKind::kRegistration},
    {"Istanbul Chamber of Comm. No.", Field::kId, IdKind::kRegistration},
    {"Dubai Chamber of Commerce Membership No.", Field::kId,
     IdKind::kRegistration},
    {"Business Number", Field::kId, IdKind::kRegistration},
    {"Enterprise Number", Field::kId, IdKind::kRegistration},
    {"Branch Unit Number", Field::kId, IdKind::kRegistration},
    {"Registered Charity No.", Field::kId, IdKind::kRegistration},
    {"LE Number", Field::kId, IdKind::kRegistration},
    {"Certificate of Incorporation Number", Field::kId, IdKind::kRegistration},
    {"Romanian C.R.", Field::kId, IdKind::kRegistration},
    {"Organization Code", Field::kId, IdKind::kRegistration},
    {"MSB Registration Number", Field::kId, IdKind::kRegistration},
    {"Registration Certificate Number (Dubai)", Field::kId,
     IdKind::kRegistration},
    {"Russian State Individual Business Registration Number Pattern (OGRNIP)",
     Field::kId, IdKind::kRegistration},
    {"C.I.N.", Field::kId, IdKind::kRegistration},
});

// Words OFAC uses as honorifics or ranks rather than posts, lower case,
// each between bars.
constexpr std::string_view kHonorifics =
    "|haji|hajji|doctor|dr|dr.|maulana|moulana|maulawi|mawlawi|maulavi|"
    "mawlavi|mulawi|mullah|mulla|mufti|qari|shaykh|sheikh|sheik|ustad|ustadz|"
    "professor|prof.|engineer|eng.|imam|sayyid|sayed|hafiz|hojjatoleslam|"
    "ayatollah|general|brigadier general|major general|lieutenant general|"
    "second brigadier general|colonel|lt. col.|lt. col|lieutenant colonel|"
    "admiral|vice admiral|rear admiral|captain|major|lieutenant|brigadier|"
    "marshal|";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  return true;
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)); }

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         StartsWithNoCase(s.substr(s.size() - suffix.size()), suffix);
}

// A bare web address or e-mail address, as older entries give them:
// "www.almanar.com.lb", "info@manartv.com", "http://x.org (website)".
bool ParseBareContact(std::string_view segment, OfacRemarkId* id) {
  std::string_view v = segment;
  if (!v.empty() && v.back() == '.') v.remove_suffix(1);
  if (EndsWithNoCase(v, "(website)") || EndsWithNoCase(v, "(email)"))
    v = Trim(v.substr(0, v.rfind('(')));
  if (v.empty() || v.find(' ') != std::string_view::npos) return false;
  if (StartsWithNoCase(v, "www.") || StartsWithNoCase(v, "http://") ||
      StartsWithNoCase(v, "https://")) {
    id->kind = IdKind::kWebsite;
    id->label = "Website";
  } else if (size_t at = v.find('@');
             at != std::string_view::npos && at > 0 &&
             v.find('.', at) != std::string_view::npos) {
    id->kind = IdKind::kEmail;
    id->label = "Email Address";
  } else {
    return false;
  }
  id->value = std::string(v);
  return true;
}

// The longest key `segment` starts with, as a whole word (so "DOB" does not
// match "DOBRO...").
const Key* MatchKey(std::string_view segment) {
  const Key* best = nullptr;
  if (segment.empty()) return best;
  const char first = Lower(segment.front());
  for (const Key& key : kKeys) {
    if (Lower(key.text.front()) != first) continue;
    if (!StartsWithNoCase(segment, key.text)) continue;
    if (segment.size() > key.text.size() && IsAlnum(key.text.back()) &&
        IsAlnum(segment[key.text.size()]))
      continue;
    if (!best || key.text.size() > best->text.size()) best = &key;
  }
  return best;
}

// The value after a key: "Linked To: X" -> "X", "Digital Currency Address -
// XBT 1abc" -> "XBT 1abc".
std::string_view ValueAfter(std::string_view segment, size_t key_len) {
  std::string_view v = segment.substr(key_len);
  while (!v.empty() && (IsSpace(v.front()) || v.front() == ':' ||
                        v.front() == '-' || v.front() == '#'))
    v.remove_prefix(1);
  return Trim(v);
}

// Where the "issued ..."/"expires ..." notes of an identifier begin.
size_t NotesStart(std::string_view v) {
  static constexpr std::array<std::string_view, 6> kWords = {
      "issued", "expires", "expired", "issue date", "expiration date", "valid"};
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i - 1] != ' ' && v[i - 1] != ',') continue;
    for (std::string_view w : kWords) {
      if (!StartsWithNoCase(v.substr(i), w)) continue;
      size_t end = i + w.size();
      if (end < v.size() && IsAlnum(v[end])) continue;
      return i;
    }
  }
  return std::string_view::npos;
}

void AppendNote(std::string* notes, std::string_view note) {
  if (note.empty()) return;
  if (!notes->empty()) *notes += "; ";
  *notes += note;
}

// "563410081 (Korea, North) issued 2010" -> value, country, notes.
OfacRemarkId ParseId(const Key& key, std::string_view segment,
                     std::string_view value) {
  OfacRemarkId id;
  id.kind = key.kind;
  id.label = std::string(Trim(segment.substr(0, key.text.size())));
  if (key.field == Field::kIdPlain) {
    // "Digital Currency Address - XBT 1abc": the currency belongs to the
    // label, so every address of one currency shares it.
    if (key.text == "Digital Currency Address") {
      size_t sp = value.find(' ');
      if (sp != std::string_view::npos) {
        id.label += " - " + std::string(value.substr(0, sp));
        value = Trim(value.substr(sp + 1));
      }
    }
    id.value = std::string(value);
    return id;
  }
  std::string_view main = value;
  std::string trailing_notes;
  if (size_t n = NotesStart(value); n != std::string_view::npos) {
    main = Trim(value.substr(0, n));
    while (!main.empty() && main.back() == ',') main.remove_suffix(1);
    trailing_notes = std::string(Trim(value.substr(n)));
  }
  std::vector<std::string_view> groups;  // parenthesized, last first
  while (!main.empty() && main.back() == ')') {
    int depth = 0;
    size_t open = std::string_view::npos;
    for (size_t i = main.size(); i-- > 0;) {
      if (main[i] == ')') ++depth;
      if (main[i] == '(' && --depth == 0) {
        open = i;
        break;
      }
    }
    if (open == std::string_view::npos || open == 0) break;
    groups.push_back(Trim(main.substr(open + 1, main.size() - open - 2)));
    main = Trim(main.substr(0, open));
  }
  id.value = std::string(main);
  if (!groups.empty()) id.country = std::string(groups.front());
  for (size_t i = groups.size(); i-- > 1;) AppendNote(&id.notes, groups[i]);
  AppendNote(&id.notes, trailing_notes);
  return id;
}

// "a.k.a. 'BNC'" -> BNC. Single quotes are OFAC's mark of a weak alias;
// double quotes are read the same way.
bool ParseAlias(std::string_view segment, OfacRemarkAlias* alias) {
  static constexpr std::array<std::pair<std::string_view, NameType>, 4> kTypes =
      {{{"a.k.a.", NameType::kAka},
        {"f.k.a.", NameType::kFka},
        {"n.k.a.", NameType::kNka},
        {"d.b.a.", NameType::kAka}}};
  for (const auto& [prefix, type] : kTypes) {
    if (!StartsWithNoCase(segment, prefix)) continue;
    std::string_view rest = Trim(segment.substr(prefix.size()));
    if (rest.size() >= 2 && (rest.front() == '\'' || rest.front() == '"') &&
        rest.back() == rest.front())
      rest = Trim(rest.substr(1, rest.size() - 2));
    if (rest.empty()) return false;
    alias->type = type;
    alias->quality = NameQuality::kWeak;
    alias->name = std::string(rest);
    return true;
  }
  return false;
}

}  // namespace

bool IsOfacHonorific(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.find('|') != std::string_view::npos) return false;
  std::string key = "|";
  for (char c : text) key += Lower(c);
  key += '|';
  if (kHonorifics.find(key) != std::string_view::npos) return true;
  // "Mufti or Maulana".
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if (StartsWithNoCase(text.substr(i), " or "))
      return IsOfacHonorific(text.substr(0, i)) &&
             IsOfacHonorific(text.substr(i + 4));
  }
  return false;
}

OfacRemarks ParseOfacRemarks(std::string_view remarks) {
  OfacRemarks out;
  std::string_view text = Trim(remarks);
  // The whole remarks text is one sentence; its full stop is not part of
  // the last value.
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find("; ", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view published = Trim(text.substr(pos, end - pos));
    pos = end + 2;
    if (published.empty()) continue;
    std::string_view segment = published;
    if (StartsWithNoCase(segment, "alt. ")) segment = Trim(segment.substr(5));

    OfacRemarkAlias alias;
    if (ParseAlias(segment, &alias)) {
      out.aliases.push_back(std::move(alias));
      continue;
    }
    if (IsOfacHonorific(segment)) {
      out.titles.emplace_back(segment);
      continue;
    }
    OfacRemarkId contact;
    if (ParseBareContact(segment, &contact)) {
      out.identifiers.push_back(std::move(contact));
      continue;
    }
    const Key* key = MatchKey(segment);
    std::string_view value =
        key ? ValueAfter(segment, key->text.size()) : std::string_view();
    if (!key || (value.empty() && key->field != Field::kInfo)) {
      out.unparsed.emplace_back(published);
      continue;
    }
    switch (key->field) {
      case Field::kDob:
        out.birth_dates.emplace_back(value);
        break;
      case Field::kPob:
        out.birth_places.emplace_back(value);
        break;
      case Field::kNationality:
        out.nationalities.emplace_back(value);
        break;
      case Field::kCitizen:
        out.citizenships.emplace_back(value);
        break;
      case Field::kRegistrationCountry:
        out.registration_countries.emplace_back(value);
        break;
      case Field::kGender:
        if (StartsWithNoCase(value, "male") && value.size() == 4) {
          out.gender = Gender::kMale;
        } else if (StartsWithNoCase(value, "female") && value.size() == 6) {
          out.gender = Gender::kFemale;
        } else {
          out.unparsed.emplace_back(published);
        }
        break;
      case Field::kPosition:
        out.positions.emplace_back(value);
        break;
      case Field::kTitle:
        // OFAC's "Title" is as often a post ("Title Basij Deputy
        // Commander") as an honorific.
        if (IsOfacHonorific(value)) {
          out.titles.emplace_back(value);
        } else {
          out.positions.emplace_back(value);
        }
        break;
      case Field::kEstablished:
        out.established_dates.emplace_back(value);
        break;
      case Field::kVesselBuild:
        if (out.vessel_build_year.empty()) {
          out.vessel_build_year = std::string(value);
        } else {
          out.info.emplace_back(published);
        }
        break;
      case Field::kAircraftModel:
        if (out.aircraft_model.empty()) {
          out.aircraft_model = std::string(value);
        } else {
          out.info.emplace_back(published);
        }
        break;
      case Field::kAircraftOperator:
        if (out.aircraft_operator.empty()) {
          out.aircraft_operator = std::string(value);
        } else {
          out.info.emplace_back(published);
        }
        break;
      case Field::kAircraftBuild:
        if (out.aircraft_build_date.empty()) {
          out.aircraft_build_date = std::string(value);
        } else {
          out.info.emplace_back(published);
        }
        break;
      case Field::kId:
      case Field::kIdPlain: {
        OfacRemarkId id = ParseId(*key, segment, value);
        if (id.value.empty()) {
          out.unparsed.emplace_back(published);
        } else {
          out.identifiers.push_back(std::move(id));
        }
        break;
      }
      case Field::kInfo:
        out.info.emplace_back(published);
        break;
    }
  }
  for (const std::string& s : out.unparsed) {
    if (!out.leftover.empty()) out.leftover += "; ";
    out.leftover += s;
  }
  return out;
}

}  // namespace embargo::internal
