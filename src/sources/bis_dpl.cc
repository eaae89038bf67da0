// Loader for the US BIS Denied Persons List text export (dpl.txt): tab-
// separated, quoted fields, a header row, one row per (person, address).
// The list has no record ids, so an entity's id is derived from the fields
// that identify a listing: name, street and effective date.
#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embargo/country.h"
#include "model/date.h"
#include "sources/csv_reader.h"
#include "sources/io.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

constexpr std::string_view kBisListName = "us_bis_dpl";

enum Col : int {
  kName,
  kStreet,
  kCity,
  kState,
  kCountry,
  kPostalCode,
  kEffectiveDate,
  kExpirationDate,
  kStandardOrder,
  kLastUpdate,
  kAction,
  kFrCitation,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "Name",           "Street_Address", "City",           "State",
    "Country",        "Postal_Code",    "Effective_Date", "Expiration_Date",
    "Standard_Order", "Last_Update",    "Action",         "FR_Citation"};

// The id is built from these, so a file without them cannot be loaded.
constexpr std::array<Col, 3> kRequired = {kName, kStreet, kEffectiveDate};

// The first 12 hex digits of SHA-256(`text`): short, yet collision-free in
// practice for a list of a few thousand rows.
Result<std::string> ShortHash(std::string_view text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  if (EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr) !=
          1 ||
      len < 6)
    return Status::Internal("sha256 unavailable");
  std::string out;
  for (unsigned i = 0; i < 6; ++i) out += fmt::format("{:02x}", md[i]);
  return out;
}

// "PEARL (A.K.A. NEI-CHIEN CHU) LI" -> primary "PEARL LI", alias
// "NEI-CHIEN CHU".
void SplitAka(std::string_view name, std::string* primary, std::string* aka) {
  std::string upper(name);
  for (char& c : upper)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  size_t open = upper.find("(A.K.A.");
  size_t close = open == std::string::npos ? open : upper.find(')', open);
  if (close == std::string::npos) {
    *primary = CleanText(name);
    aka->clear();
    return;
  }
  *aka = CleanText(name.substr(open + 7, close - open - 7));
  *primary = CleanText(
      fmt::format("{} {}", name.substr(0, open), name.substr(close + 1)));
}

class DplLoader {
 public:
  explicit DplLoader(const std::string& path) : path_(path) {}

  Result<EntityList> Load() {
    auto stream = OpenByteStream(path_);
    if (!stream.ok()) return stream.status();
    CsvOptions options;
    options.separator = '\t';
    CsvReader reader(std::move(*stream), path_, options);
    std::vector<std::string> row;
    if (!reader.Next(&row)) {
      if (!reader.status().ok()) return reader.status();
      return Status::DataError(
          fmt::format("{}: the file is empty (no header row)", path_));
    }
    EMBARGO_RETURN_IF_ERROR(ReadCsvHeader(
        path_, reader.line(), row, kColumnNames, kRequired, &pos_, &header_));
    list_.info.name = std::string(kBisListName);
    list_.info.format = "bis_dpl";
    list_.info.files.push_back(path_);

    std::unordered_map<std::string, size_t> by_id;
    while (reader.Next(&row)) {
      std::uint64_t line = reader.line();
      if (row.size() != header_.size())
        return Status::DataError(
            fmt::format("{}:{}: {} fields, but the header names {} columns",
                        path_, line, row.size(), header_.size()));
      for (size_t i = 0; i < row.size(); ++i) {
        size_t bad = FindInvalidUtf8(row[i]);
        if (bad != std::string_view::npos)
          return Status::DataError(fmt::format(
              "{}:{}: field {}: invalid UTF-8 (byte 0x{:02X} at offset {})",
              path_, line, header_[i], static_cast<unsigned char>(row[i][bad]),
              bad));
        bool known = std::find(kColumnNames.begin(), kColumnNames.end(),
                               header_[i]) != kColumnNames.end();
        if (!known && !TrimSpace(row[i]).empty())
          ++list_.info.unknown_fields[header_[i]];
      }
      std::string key =
          fmt::format("{}|{}|{}", Field(row, kName), Field(row, kStreet),
                      Field(row, kEffectiveDate));
      auto hash = ShortHash(key);
      if (!hash.ok()) return hash.status();
      Entity entity;
      EMBARGO_RETURN_IF_ERROR(ParseRow(row, line, *hash, &entity));
      auto [it, inserted] = by_id.emplace(*hash, list_.entities.size());
      if (inserted) {
        list_.entities.push_back(std::move(entity));
        continue;
      }
      // The same listing printed twice (once per city, or verbatim):
      // one subject, so its addresses and remarks are pooled.
      Entity& first = list_.entities[it->second];
      list_.info.warnings.push_back(fmt::format(
          "{}:{}: row repeats the name, street and effective date of line "
          "{}; merged into one entity",
          path_, line, first.provenance.line));
      for (Address& a : entity.addresses) {
        bool seen =
            std::any_of(first.addresses.begin(), first.addresses.end(),
                        [&](const Address& b) { return b.full == a.full; });
        if (!seen) first.addresses.push_back(std::move(a));
      }
      for (const std::string& r : entity.remarks)
        AddUniqueText(&first.remarks, r);
    }
    if (!reader.status().ok()) return reader.status();
    return std::move(list_);
  }

 private:
  std::string_view Field(const std::vector<std::string>& row, Col c) const {
    return pos_[c] < 0 ? std::string_view() : TrimSpace(row[pos_[c]]);
  }

  Status FieldError(std::uint64_t line, std::string_view record, Col c,
                    std::string_view message) const {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, line, record, kColumnNames[c],
                                         message));
  }

  std::string MapCountry(std::string_view text) {
    if (text.empty()) return "";
    if (text.size() == 2 && IsCountryCode(text)) return std::string(text);
    std::string code = CountryCode(text);
    if (code.empty() && warned_.insert(std::string(text)).second)
      list_.info.warnings.push_back(fmt::format("unmapped country '{}'", text));
    return code;
  }

  Status ParseRow(const std::vector<std::string>& row, std::uint64_t line,
                  const std::string& hash, Entity* e) {
    e->id = "bis-dpl-" + hash;
    e->provenance.list = std::string(kBisListName);
    e->provenance.record_id = hash;
    e->provenance.file = path_;
    e->provenance.line = line;

    std::string primary, aka;
    SplitAka(Field(row, kName), &primary, &aka);
    if (primary.empty()) return FieldError(line, hash, kName, "empty");
    Name name;
    name.full = std::move(primary);
    e->names.push_back(std::move(name));
    if (!aka.empty()) {
      Name alias;
      alias.full = std::move(aka);
      alias.type = NameType::kAka;
      e->names.push_back(std::move(alias));
    }
    e->programs.push_back({"DPL", "Denied Persons List"});

    std::string_view effective = Field(row, kEffectiveDate);
    auto listed = ParsePartialDate(effective, DateOrder::kMonthFirst);
    if (!listed)
      return FieldError(line, hash, kEffectiveDate,
                        fmt::format("impossible date '{}'", effective));
    e->listed_on = *listed;
    if (std::string_view expires = Field(row, kExpirationDate);
        !expires.empty()) {
      auto date = ParsePartialDate(expires, DateOrder::kMonthFirst);
      if (!date)
        return FieldError(line, hash, kExpirationDate,
                          fmt::format("impossible date '{}'", expires));
      e->remarks.push_back("Expiration date: " + date->ToString());
    }
    // Last_Update is bookkeeping; the 2022 file has "3017-08-22" and
    // "0222-05-18" in it, so a bad one is reported, not fatal.
    if (std::string_view updated = Field(row, kLastUpdate); !updated.empty()) {
      auto date = ParsePartialDate(updated);
      if (date)
        e->remarks.push_back("Last update: " + date->ToString());
      else
        list_.info.warnings.push_back(fmt::format(
            "{}:{}: record {}: field Last_Update: implausible date '{}' "
            "ignored",
            path_, line, hash, updated));
    }
    if (std::string_view v = Field(row, kStandardOrder); !v.empty())
      e->remarks.push_back(fmt::format("Standard order: {}", v));
    if (std::string v = CleanText(Field(row, kAction)); !v.empty())
      e->remarks.push_back("Action: " + v);
    if (std::string v = CleanText(Field(row, kFrCitation)); !v.empty())
      e->remarks.push_back("Federal Register: " + v);

    Address a;
    a.street = CleanText(Field(row, kStreet));
    a.city = CleanText(Field(row, kCity));
    a.region = CleanText(Field(row, kState));
    a.postal_code = CleanText(Field(row, kPostalCode));
    a.country_text = CleanText(Field(row, kCountry));
    a.country = MapCountry(a.country_text);
    for (const std::string* part :
         {&a.street, &a.city, &a.region, &a.postal_code, &a.country_text}) {
      if (part->empty()) continue;
      if (!a.full.empty()) a.full += ", ";
      a.full += *part;
    }
    if (!a.full.empty()) e->addresses.push_back(std::move(a));
    return Status::Ok();
  }

  const std::string& path_;
  std::array<int, kColumnCount> pos_{};
  std::vector<std::string> header_;
  EntityList list_;
  std::set<std::string> warned_;
};

}  // namespace

Result<EntityList> LoadBisDpl(const std::string& path) {
  DplLoader loader(path);
  return loader.Load();
}

}  // namespace embargo::internal
