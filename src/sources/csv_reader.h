// A streaming RFC 4180 CSV reader: quoted fields with embedded separators,
// quotes and newlines; LF, CRLF and lone CR line endings; a UTF-8 BOM and a
// trailing DOS end-of-file byte (0x1A) skipped. NUL bytes and UTF-16 text
// (which is full of them) are refused with an error saying so. Knows the line
// each record starts on, so loaders can name it in errors. Thread-safety: one
// reader per thread.
#ifndef EMBARGO_SOURCES_CSV_READER_H_
#define EMBARGO_SOURCES_CSV_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "embargo/limits.h"
#include "embargo/status.h"
#include "sources/io.h"

namespace embargo::internal {

struct CsvOptions {
  char separator = ',';
  // Limits against hostile input; exceeding one is a kLimitExceeded error.
  // (embargo/limits.h).
  size_t max_field_bytes = kMaxCsvFieldBytes;
  size_t max_fields = kMaxCsvFields;
  size_t max_record_bytes = kMaxCsvRecordBytes;
  // A quote inside an unquoted field is kept as text (real lists have them)
  // rather than being an error.
  bool lenient_quotes = true;
};

class CsvReader {
 public:
  // `name` is used in error messages (normally the file path).
  CsvReader(std::unique_ptr<ByteStream> stream, std::string name,
            CsvOptions options = {});

  // Reads the next record into `fields`. Returns false at the end of input
  // (check status() for an error). Blank lines are skipped.
  bool Next(std::vector<std::string>* fields);

  // The line on which the last record returned by Next() started (1-based).
  std::uint64_t line() const { return record_line_; }
  // Records returned so far.
  std::uint64_t records() const { return records_; }
  // Bytes taken from the stream so far (for progress reporting).
  std::uint64_t bytes_consumed() const { return consumed_ + pos_; }
  const Status& status() const { return status_; }
  const std::string& name() const { return name_; }

 private:
  int Peek();
  int Get();
  bool Fill();

  std::unique_ptr<ByteStream> stream_;
  std::string name_;
  CsvOptions options_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::uint64_t line_ = 1;
  std::uint64_t record_line_ = 0;
  std::uint64_t record_start_ = 0;  // bytes_consumed() where it started
  std::uint64_t records_ = 0;
  std::uint64_t consumed_ = 0;
  Status status_;
};

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_CSV_READER_H_
