#include "embargo/entity.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace embargo {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

constexpr std::array<std::string_view, kIdKindCount> kIdKindNames = {
    "other",       "passport", "national_id", "tax_id",    "registration",
    "swift_bic",   "imo",      "mmsi",        "call_sign", "aircraft_serial",
    "tail_number", "lei",      "email",       "website",   "phone"};

}  // namespace

std::string_view EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson:
      return "person";
    case EntityKind::kOrganization:
      return "organization";
    case EntityKind::kVessel:
      return "vessel";
    case EntityKind::kAircraft:
      return "aircraft";
  }
  return "organization";
}

std::optional<EntityKind> ParseEntityKind(std::string_view text) {
  if (EqualsIgnoreCase(text, "person") || EqualsIgnoreCase(text, "individual"))
    return EntityKind::kPerson;
  if (EqualsIgnoreCase(text, "organization") ||
      EqualsIgnoreCase(text, "organisation") ||
      EqualsIgnoreCase(text, "entity") || EqualsIgnoreCase(text, "company"))
    return EntityKind::kOrganization;
  if (EqualsIgnoreCase(text, "vessel") || EqualsIgnoreCase(text, "ship"))
    return EntityKind::kVessel;
  if (EqualsIgnoreCase(text, "aircraft") || EqualsIgnoreCase(text, "airplane"))
    return EntityKind::kAircraft;
  return std::nullopt;
}

std::string_view NameTypeName(NameType type) {
  switch (type) {
    case NameType::kPrimary:
      return "primary";
    case NameType::kAka:
      return "aka";
    case NameType::kFka:
      return "fka";
    case NameType::kNka:
      return "nka";
  }
  return "aka";
}

std::string_view NameQualityName(NameQuality quality) {
  switch (quality) {
    case NameQuality::kUnspecified:
      return "";
    case NameQuality::kStrong:
      return "strong";
    case NameQuality::kWeak:
      return "weak";
    case NameQuality::kLow:
      return "low";
  }
  return "";
}

std::string_view GenderName(Gender gender) {
  switch (gender) {
    case Gender::kUnknown:
      return "";
    case Gender::kMale:
      return "male";
    case Gender::kFemale:
      return "female";
  }
  return "";
}

std::string_view IdKindName(IdKind kind) {
  auto i = static_cast<size_t>(kind);
  return i < kIdKindNames.size() ? kIdKindNames[i] : "other";
}

std::optional<IdKind> ParseIdKind(std::string_view name) {
  for (size_t i = 0; i < kIdKindNames.size(); ++i) {
    if (EqualsIgnoreCase(name, kIdKindNames[i])) return static_cast<IdKind>(i);
  }
  return std::nullopt;
}

std::string PartialDate::ToString() const {
  if (year == 0) return "";
  if (month == 0) return fmt::format("{:04d}", year);
  if (day == 0) return fmt::format("{:04d}-{:02d}", year, month);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::string DateSpec::ToString() const {
  std::string out = circa ? "circa " : "";
  out += from.ToString();
  if (is_range()) out += ".." + to.ToString();
  return out;
}

const std::string& Entity::primary_name() const {
  static const std::string kEmpty;
  return names.empty() ? kEmpty : names.front().full;
}

}  // namespace embargo
