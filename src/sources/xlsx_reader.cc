#include "sources/xlsx_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <pugixml.hpp>

#include "sources/io.h"
#include "sources/xml_reader.h"

namespace embargo::internal {

struct XlsxSheetReader::Impl {
  std::unique_ptr<XmlRecordReader> xml;
  std::vector<std::string> shared_strings;
  std::string sheet_member;
  std::uint64_t last_row = 0;
};

namespace {

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;

struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;

std::string ZipErrorText(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  std::string out = zip_error_strerror(&e);
  zip_error_fini(&e);
  return out;
}

// A member's inflated bytes, or nullopt when the package has no such member.
// The declared size is checked first, and the actual bytes while inflating,
// because a crafted header may understate what the data inflates to.
Result<std::optional<std::string>> ReadMember(zip_t* zip,
                                              const std::string& path,
                                              const std::string& member,
                                              const XlsxLimits& limits) {
  zip_int64_t index = zip_name_locate(zip, member.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>();
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0)
    return Status::DataError(fmt::format("{}: zip member {} is unreadable: {}",
                                         path, member, zip_strerror(zip)));
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
      st.encryption_method != ZIP_EM_NONE)
    return Status::Unsupported(
        fmt::format("{}: zip member {} is encrypted", path, member));
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_member_bytes)
    return Status::LimitExceeded(fmt::format(
        "{}: zip member {} inflates to {} bytes, more than the limit of {}",
        path, member, st.size, limits.max_member_bytes));
  ZipFilePtr file(zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!file)
    return Status::DataError(
        fmt::format("{}: zip member {} cannot be opened: {}", path, member,
                    zip_strerror(zip)));
  std::string out;
  if (st.valid & ZIP_STAT_SIZE) out.reserve(static_cast<size_t>(st.size));
  char buf[1 << 16];
  while (true) {
    zip_int64_t n = zip_fread(file.get(), buf, sizeof buf);
    if (n < 0)
      return Status::DataError(fmt::format("{}: zip member {} is corrupt: {}",
                                           path, member,
                                           zip_file_strerror(file.get())));
    if (n == 0) break;
    if (out.size() + static_cast<std::uint64_t>(n) > limits.max_member_bytes)
      return Status::LimitExceeded(fmt::format(
          "{}: zip member {} inflates to more than the limit of {} bytes", path,
          member, limits.max_member_bytes));
    out.append(buf, static_cast<size_t>(n));
  }
  return std::optional<std::string>(std::move(out));
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c : node.children())
    if (LocalName(c) == local) return c;
  return {};
}

// An attribute by local name, so "r:id" is found as "id" too.
const char* Attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view name = a.name();
    size_t colon = name.find(':');
    if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
    if (name == local) return a.value();
  }
  return "";
}

Status ParseXml(const std::string& path, const std::string& member,
                const std::string& data, pugi::xml_document* doc) {
  // Whitespace-only runs matter in shared strings ("<t> </t>"). pugixml never
  // expands DTD entities, so a hostile DOCTYPE cannot inflate anything.
  pugi::xml_parse_result r = doc->load_buffer(
      data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata,
      pugi::encoding_utf8);
  if (!r)
    return Status::DataError(fmt::format("{}: {}: XML error at byte {}: {}",
                                         path, member, r.offset,
                                         r.description()));
  return Status::Ok();
}

// Excel writes control characters as _xHHHH_ (and a literal "_x" as _x005F_).
std::string DecodeExcelEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      auto [p, ec] =
          std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      if (ec == std::errc() && p == s.data() + i + 6 && cp < 0x80) {
        out += static_cast<char>(cp);
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The text of a shared-string item or inline string: its <t>, or the <t> of
// each rich-text run <r>. Phonetic guides (<rPh>) are not part of the value.
std::string StringItemText(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node c : item.children()) {
    std::string_view name = LocalName(c);
    if (name == "t") {
      out += c.text().get();
    } else if (name == "r") {
      if (pugi::xml_node t = Child(c, "t")) out += t.text().get();
    }
  }
  return DecodeExcelEscapes(out);
}

// Resolves a relationship target against the folder of the part that owns
// the relationships ("xl/"); absolute targets start at the package root.
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  if (!target.empty() && target.front() == '/')
    return std::string(target.substr(1));
  std::string dir(base_dir);
  while (target.substr(0, 3) == "../") {
    target.remove_prefix(3);
    if (!dir.empty()) dir.pop_back();
    size_t slash = dir.rfind('/');
    dir = slash == std::string::npos ? "" : dir.substr(0, slash + 1);
  }
  return dir + std::string(target);
}

}  // namespace

int XlsxColumnIndex(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size(); ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
    if (col > kMaxXlsxColumns) return -1;
  }
  if (i == 0) return -1;
  for (size_t j = i; j < ref.size(); ++j)
    if (ref[j] < '0' || ref[j] > '9') return -1;
  return col - 1;
}

XlsxSheetReader::XlsxSheetReader() = default;
XlsxSheetReader::~XlsxSheetReader() = default;

Result<std::unique_ptr<XlsxSheetReader>> XlsxSheetReader::Open(
    const std::string& path, const XlsxLimits& limits) {
  int err = 0;
  ZipPtr zip(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err));
  if (!zip) {
    if (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN || err == ZIP_ER_READ)
      return Status::IoError(
          fmt::format("{}: cannot open: {}", path, ZipErrorText(err)));
    return Status::DataError(
        fmt::format("{}: not an xlsx workbook (not a readable zip archive: {})",
                    path, ZipErrorText(err)));
  }
  zip_int64_t members = zip_get_num_entries(zip.get(), 0);
  if (members < 0 || static_cast<std::uint64_t>(members) > limits.max_members)
    return Status::LimitExceeded(
        fmt::format("{}: the zip archive lists {} members, more than the limit "
                    "of {}",
                    path, members, limits.max_members));

  std::unique_ptr<XlsxSheetReader> r(new XlsxSheetReader());
  r->path_ = path;
  r->impl_ = std::make_unique<Impl>();

  auto workbook = ReadMember(zip.get(), path, "xl/workbook.xml", limits);
  if (!workbook.ok()) return workbook.status();
  if (!*workbook)
    return Status::DataError(fmt::format(
        "{}: not an xlsx workbook (the zip has no xl/workbook.xml)", path));
  pugi::xml_document wb;
  EMBARGO_RETURN_IF_ERROR(ParseXml(path, "xl/workbook.xml", **workbook, &wb));
  pugi::xml_node sheet = Child(Child(Child(wb, "workbook"), "sheets"), "sheet");
  if (!sheet)
    return Status::DataError(
        fmt::format("{}: the workbook lists no sheet", path));
  r->sheet_name_ = Attr(sheet, "name");
  std::string sheet_rel = Attr(sheet, "id");

  // The relationships map the sheet's r:id to its part; older or hand-made
  // packages without them use the conventional part names.
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  std::string strings_part = "xl/sharedStrings.xml";
  auto rels = ReadMember(zip.get(), path, "xl/_rels/workbook.xml.rels", limits);
  if (!rels.ok()) return rels.status();
  if (*rels) {
    pugi::xml_document rd;
    EMBARGO_RETURN_IF_ERROR(
        ParseXml(path, "xl/_rels/workbook.xml.rels", **rels, &rd));
    for (pugi::xml_node rel : Child(rd, "Relationships").children()) {
      if (LocalName(rel) != "Relationship") continue;
      std::string_view type = Attr(rel, "Type");
      std::string target = ResolveTarget("xl/", Attr(rel, "Target"));
      if (!sheet_rel.empty() && sheet_rel == Attr(rel, "Id")) {
        sheet_part = target;
      } else if (type.size() >= 14 &&
                 type.substr(type.size() - 14) == "/sharedStrings") {
        strings_part = target;
      }
    }
  }

  auto strings = ReadMember(zip.get(), path, strings_part, limits);
  if (!strings.ok()) return strings.status();
  if (*strings) {
    pugi::xml_document sd;
    EMBARGO_RETURN_IF_ERROR(ParseXml(path, strings_part, **strings, &sd));
    for (pugi::xml_node si : Child(sd, "sst").children())
      if (LocalName(si) == "si")
        r->impl_->shared_strings.push_back(StringItemText(si));
  }

  auto core = ReadMember(zip.get(), path, "docProps/core.xml", limits);
  if (!core.ok()) return core.status();
  if (*core) {
    pugi::xml_document cd;
    EMBARGO_RETURN_IF_ERROR(ParseXml(path, "docProps/core.xml", **core, &cd));
    if (pugi::xml_node m = Child(Child(cd, "coreProperties"), "modified"))
      r->modified_ = m.text().get();
  }

  auto sheet_xml = ReadMember(zip.get(), path, sheet_part, limits);
  if (!sheet_xml.ok()) return sheet_xml.status();
  if (!*sheet_xml)
    return Status::DataError(
        fmt::format("{}: sheet '{}' ({}) is missing from the zip", path,
                    r->sheet_name_, sheet_part));
  r->impl_->sheet_member = sheet_part;
  auto xml = XmlRecordReader::OpenMemory(
      std::move(**sheet_xml), fmt::format("{}!{}", path, sheet_part));
  if (!xml.ok()) return xml.status();
  r->impl_->xml = std::move(*xml);
  return r;
}

bool XlsxSheetReader::Next(XlsxRow* row) {
  if (!status_.ok()) return false;
  XmlRecord rec;
  if (!impl_->xml->Next({"row"}, &rec)) {
    status_ = impl_->xml->status();
    return false;
  }
  row->cells.clear();
  std::string_view r_attr = Attr(rec.node, "r");
  if (!r_attr.empty()) {
    std::uint64_t n = 0;
    auto [p, ec] =
        std::from_chars(r_attr.data(), r_attr.data() + r_attr.size(), n);
    if (ec != std::errc() || p != r_attr.data() + r_attr.size() || n == 0) {
      status_ = Status::DataError(fmt::format(
          "{}: sheet '{}': bad row number '{}'", path_, sheet_name_, r_attr));
      return false;
    }
    row->number = n;
  } else {
    row->number = impl_->last_row + 1;
  }
  impl_->last_row = row->number;
  int col = -1;
  for (pugi::xml_node c : rec.node.children()) {
    if (LocalName(c) != "c") continue;
    std::string_view ref = Attr(c, "r");
    if (ref.empty()) {
      ++col;
    } else {
      col = XlsxColumnIndex(ref);
      if (col < 0) {
        status_ = Status::DataError(
            fmt::format("{}:{}: sheet '{}': bad cell reference '{}'", path_,
                        row->number, sheet_name_, ref));
        return false;
      }
    }
    if (col >= kMaxXlsxColumns) {
      status_ = Status::LimitExceeded(
          fmt::format("{}:{}: sheet '{}': more than {} columns", path_,
                      row->number, sheet_name_, kMaxXlsxColumns));
      return false;
    }
    XlsxCell cell;
    std::string_view type = Attr(c, "t");
    std::string v = Child(c, "v").text().get();
    if (type == "s") {
      size_t index = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
      if (ec != std::errc() || p != v.data() + v.size() ||
          index >= impl_->shared_strings.size()) {
        status_ = Status::DataError(fmt::format(
            "{}:{}: sheet '{}': cell {}: shared string '{}' does not exist",
            path_, row->number, sheet_name_, ref, v));
        return false;
      }
      cell.text = impl_->shared_strings[index];
    } else if (type == "inlineStr") {
      cell.text = StringItemText(Child(c, "is"));
    } else if (type == "b") {
      cell.text = v == "1" ? "TRUE" : "FALSE";
    } else if (type == "str" || type == "e" || type == "d") {
      cell.text = DecodeExcelEscapes(v);
    } else {
      cell.text = v;
      cell.is_number = !v.empty();
    }
    // pugixml checks no encoding, and a character reference may still
    // name a surrogate: the values are checked as the CSV loaders' are.
    if (size_t bad = FindInvalidUtf8(cell.text);
        bad != std::string_view::npos) {
      status_ = Status::DataError(fmt::format(
          "{}:{}: sheet '{}': {}: invalid UTF-8 (byte 0x{:02X} at offset {})",
          path_, row->number, sheet_name_,
          ref.empty() ? fmt::format("column {}", col + 1)
                      : fmt::format("cell {}", ref),
          static_cast<unsigned char>(cell.text[bad]), bad));
      return false;
    }
    if (static_cast<size_t>(col) >= row->cells.size())
      row->cells.resize(static_cast<size_t>(col) + 1);
    row->cells[static_cast<size_t>(col)] = std::move(cell);
  }
  return true;
}

}  // namespace embargo::internal
