#include "trade/places.h"

#include <fmt/format.h>

#include <algorithm>

#include "embargo/country.h"
#include "trade/keywords.h"

namespace embargo::internal {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool IsLocodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '9');
}

// A UN/LOCODE: two letters of an assigned country, then three letters or
// digits 2-9, optionally with a space or hyphen after the country part.
std::string AsLocode(std::string_view text) {
  std::string u = Upper(text);
  if (u.size() == 6 && (u[2] == ' ' || u[2] == '-')) u.erase(2, 1);
  if (u.size() != 5) return "";
  if (!(u[0] >= 'A' && u[0] <= 'Z' && u[1] >= 'A' && u[1] <= 'Z')) return "";
  for (size_t i = 2; i < 5; ++i)
    if (!IsLocodeChar(u[i])) return "";
  if (!IsCountryCode(u.substr(0, 2))) return "";
  return u;
}

// "UA-43", "KP-13": an ISO 3166-2 subdivision code.
std::string AsSubdivision(std::string_view text) {
  std::string u = Upper(Trim(text));
  if (u.size() < 4 || u.size() > 6 || u[2] != '-') return "";
  if (!IsCountryCode(u.substr(0, 2))) return "";
  for (size_t i = 3; i < u.size(); ++i)
    if (!((u[i] >= 'A' && u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9')))
      return "";
  return u;
}

bool ContainsSequence(const std::vector<std::string>& hay,
                      const std::vector<std::string>& needle) {
  if (needle.empty() || hay.size() < needle.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (std::equal(needle.begin(), needle.end(),
                   hay.begin() + static_cast<std::ptrdiff_t>(i)))
      return true;
  return false;
}

}  // namespace

const std::vector<PortEntry>& DprkPorts() {
  // LOCODEs are given only where the UN/LOCODE entry is known to this table;
  // any "KPxxx" code resolves to the DPRK whether or not it is listed here.
  static const std::vector<PortEntry> kPorts = {
      {"KPNAM", "Nampho", {"nampho", "nampo", "chinnampo", "chinampo"}},
      {"KPCHO", "Chongjin", {"chongjin", "cheongjin"}},
      {"KPHGM", "Hungnam", {"hungnam", "heungnam"}},
      {"KPWON", "Wonsan", {"wonsan"}},
      {"KPRJN",
       "Rajin",
       {"rajin", "najin", "rason", "rajin sonbong", "najin sonbong", "raseon"}},
      {"", "Songrim", {"songrim", "songnim", "songlim"}},
      {"KPHAE", "Haeju", {"haeju"}},
      {"", "Sonbong", {"sonbong", "seonbong", "unggi"}},
      {"", "Kimchaek", {"kimchaek", "gimchaek", "songjin"}},
      {"", "Pyongyang", {"pyongyang", "pyeongyang"}},
  };
  return kPorts;
}

std::string Place::Describe() const {
  if (!resolved()) return fmt::format("'{}' (unresolved)", text);
  if (Upper(text) == country) return country;
  std::vector<std::string> parts;
  if (!port.empty() && Upper(port) != Upper(text)) parts.push_back(port);
  if (!locode.empty() && locode != Upper(text)) parts.push_back(locode);
  for (const std::string& r : regions) parts.push_back(r);
  parts.push_back(country);
  std::string what;
  for (const std::string& p : parts) what += (what.empty() ? "" : ", ") + p;
  return fmt::format("{} ({})", text, what);
}

Place ResolvePlace(std::string_view raw,
                   const std::vector<const Region*>& regions) {
  Place p;
  p.text = Trim(raw);
  if (p.text.empty()) return p;

  auto add_regions_by_code = [&](std::string_view locode,
                                 std::string_view subdivision) {
    for (const Region* r : regions) {
      bool hit = false;
      if (!locode.empty())
        hit = std::find(r->locodes.begin(), r->locodes.end(), locode) !=
              r->locodes.end();
      if (!hit && !subdivision.empty())
        hit = std::find(r->subdivisions.begin(), r->subdivisions.end(),
                        subdivision) != r->subdivisions.end();
      if (hit) p.regions.push_back(r->id);
    }
  };

  std::vector<std::string> tokens = AsciiTokens(p.text);

  // An ISO alpha-2 code on its own.
  if (p.text.size() == 2) {
    std::string u = Upper(p.text);
    if (IsCountryCode(u)) {
      p.country = u;
      p.how = "country_code";
      return p;
    }
  }
  if (std::string sub = AsSubdivision(p.text); !sub.empty()) {
    p.country = sub.substr(0, 2);
    p.how = "subdivision";
    add_regions_by_code("", sub);
    return p;
  }
  // A country name first, so that "CHINA" is not read as the LOCODE CH INA.
  if (std::string code = CountryCode(p.text); !code.empty()) {
    // Region names ("Crimea") are also country names in the table.
    for (const Region* r : regions)
      for (const auto& name : r->name_tokens)
        if (ContainsSequence(tokens, name)) {
          p.regions.push_back(r->id);
          break;
        }
    p.country = code;
    p.how = p.regions.empty() ? "country_name" : "region_name";
    return p;
  }
  // Free text: a LOCODE in parentheses, "Nampho (KPNAM)".
  if (size_t open = p.text.find('('); open != std::string::npos) {
    size_t close = p.text.find(')', open);
    if (close != std::string::npos) {
      std::string inner = p.text.substr(open + 1, close - open - 1);
      if (std::string loc = AsLocode(inner); !loc.empty()) {
        Place q = ResolvePlace(inner, regions);
        q.text = p.text;
        return q;
      }
    }
  }
  // The DPRK port table, then region names, matched as whole words, before
  // LOCODEs so that "Kerch" is not read as KE RCH (Kenya).
  for (const PortEntry& e : DprkPorts()) {
    for (const char* alias : e.aliases) {
      if (ContainsSequence(tokens, AsciiTokens(alias))) {
        p.country = "KP";
        p.locode = e.locode;
        p.port = e.name;
        p.how = "port_table";
        return p;
      }
    }
  }
  for (const Region* r : regions) {
    for (const auto& name : r->name_tokens) {
      if (ContainsSequence(tokens, name)) {
        p.regions.push_back(r->id);
        p.country = r->country;
        break;
      }
    }
  }
  if (!p.regions.empty()) {
    p.how = "region_name";
    return p;
  }
  if (std::string loc = AsLocode(p.text); !loc.empty()) {
    p.locode = loc;
    p.country = loc.substr(0, 2);
    p.how = "locode";
    for (const PortEntry& e : DprkPorts())
      if (loc == e.locode) p.port = e.name;
    add_regions_by_code(loc, "");
    return p;
  }
  // "Dalian, China", "Port of Vladivostok / Russia": the parts, last first.
  std::vector<std::string> parts;
  std::string cur;
  for (char c : p.text) {
    if (c == ',' || c == '/' || c == ';' || c == '(' || c == ')') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    std::string part = Trim(*it);
    if (part.empty() || part == p.text) continue;
    std::string code = part.size() == 2 && IsCountryCode(Upper(part))
                           ? Upper(part)
                           : CountryCode(part);
    if (!code.empty()) {
      p.country = code;
      p.how = "country_name";
      return p;
    }
  }
  return p;
}

}  // namespace embargo::internal
