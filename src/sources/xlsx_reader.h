// Reads the first worksheet of an Excel .xlsx workbook row by row: libzip
// opens the package, the workbook, its relationships and the shared strings
// are read up front, and the sheet XML is streamed through XmlRecordReader
// one <row> at a time. Every zip member is size-capped before and while it is
// inflated, and the member count is capped, so a zip bomb costs at most
// XlsxLimits::max_member_bytes per member read.
// Thread-safety: one reader per thread; the free functions are reentrant.
#ifndef EMBARGO_SOURCES_XLSX_READER_H_
#define EMBARGO_SOURCES_XLSX_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/limits.h"
#include "embargo/status.h"

namespace embargo::internal {

struct XlsxLimits {
  // Largest inflated size of any one member we read (declared or actual).
  std::uint64_t max_member_bytes = kMaxXlsxMemberBytes;
  // Most entries the package may list.
  std::uint64_t max_members = kMaxXlsxMembers;
};

struct XlsxCell {
  std::string text;        // as stored: shared/inline string, or number text
  bool is_number = false;  // a numeric cell (t="n" or no type)
};

struct XlsxRow {
  std::uint64_t number = 0;  // the sheet's 1-based row number
  // Indexed by column (A = 0); cells the sheet omits are empty.
  std::vector<XlsxCell> cells;
};

class XlsxSheetReader {
 public:
  ~XlsxSheetReader();
  XlsxSheetReader(const XlsxSheetReader&) = delete;
  XlsxSheetReader& operator=(const XlsxSheetReader&) = delete;

  // Opens `path` and prepares its first sheet. Fails with kDataError naming
  // the file when it is not a zip, not a workbook, or has no sheet, and with
  // kLimitExceeded when a member or the member count passes `limits`.
  static Result<std::unique_ptr<XlsxSheetReader>> Open(
      const std::string& path, const XlsxLimits& limits = {});

  // Reads the next <row> (rows the sheet omits are skipped, so numbers may
  // jump). Returns false at the end or on error; status() tells which.
  bool Next(XlsxRow* row);

  const Status& status() const { return status_; }
  // The first sheet's name, e.g. "Sheet1".
  const std::string& sheet_name() const { return sheet_name_; }
  // dcterms:modified from docProps/core.xml, e.g. "2024-11-11T01:01:21Z";
  // "" when absent.
  const std::string& modified() const { return modified_; }

  struct Impl;

 private:
  XlsxSheetReader();
  std::unique_ptr<Impl> impl_;
  std::string path_;
  std::string sheet_name_;
  std::string modified_;
  Status status_;
};

// The 0-based column of a cell reference: "A1" -> 0, "AB12" -> 27. Returns -1
// for text that is not a reference or lies past kMaxXlsxColumns.
int XlsxColumnIndex(std::string_view ref);

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_XLSX_READER_H_
