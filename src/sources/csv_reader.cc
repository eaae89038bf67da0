#include "sources/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>

namespace embargo::internal {

CsvReader::CsvReader(std::unique_ptr<ByteStream> stream, std::string name,
                     CsvOptions options)
    : stream_(std::move(stream)), name_(std::move(name)), options_(options) {}

bool CsvReader::Fill() {
  if (eof_) return false;
  consumed_ += pos_;
  buf_.erase(0, pos_);
  pos_ = 0;
  size_t old = buf_.size();
  buf_.resize(old + (1 << 16));
  auto n = stream_->Read(buf_.data() + old, 1 << 16);
  if (!n.ok()) {
    status_ = n.status();
    buf_.resize(old);
    eof_ = true;
    return false;
  }
  buf_.resize(old + *n);
  if (*n == 0) eof_ = true;
  return *n > 0;
}

int CsvReader::Peek() {
  if (pos_ >= buf_.size() && !Fill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

int CsvReader::Get() {
  int c = Peek();
  if (c >= 0) ++pos_;
  return c;
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (!status_.ok()) return false;
  if (!started_) {
    started_ = true;
    const int first = Peek();
    // A stream may hand out fewer bytes than a mark (a pipe can).
    auto have = [&](size_t n) {
      while (pos_ + n > buf_.size() && Fill()) {
      }
    };
    if (first == 0xEF) {
      // Skip a UTF-8 byte order mark.
      have(3);
      if (buf_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) pos_ += 3;
    } else if (first == 0xFF || first == 0xFE) {
      have(2);
      if (buf_.compare(pos_, 2, "\xFF\xFE") == 0 ||
          buf_.compare(pos_, 2, "\xFE\xFF") == 0) {
        status_ = Status::DataError(fmt::format(
            "{}:1: UTF-16 text (byte order mark {}); save the file as UTF-8",
            name_, first == 0xFF ? "FF FE" : "FE FF"));
        return false;
      }
    }
  }
  // Skip blank lines and a DOS end-of-file marker.
  while (true) {
    int c = Peek();
    if (c == '\n') {
      ++pos_;
      ++line_;
    } else if (c == '\r') {
      ++pos_;
      if (Peek() == '\n') ++pos_;
      ++line_;
    } else if (c == 0x1A) {
      ++pos_;
    } else {
      break;
    }
  }
  if (Peek() < 0) return false;

  record_line_ = line_;
  record_start_ = bytes_consumed();
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  while (true) {
    // The bytes up to the next one the loop below must look at (a
    // separator, quote, line end, NUL or DOS end-of-file marker), taken in
    // one piece where a byte at a time cost 60 instructions; never past a
    // limit, so its check still fires on the byte that crosses it.
    if (pos_ < buf_.size()) {
      const size_t room = std::min(
          options_.max_field_bytes -
              std::min(options_.max_field_bytes, field.size()),
          options_.max_record_bytes -
              std::min<std::uint64_t>(options_.max_record_bytes,
                                      bytes_consumed() - record_start_));
      const size_t end = pos_ + std::min(room, buf_.size() - pos_);
      size_t i = pos_;
      while (i < end) {
        const char b = buf_[i];
        if (b == '"' || b == '\n' || b == '\r' || b == '\0' ||
            (!quoted && (b == options_.separator || b == '\x1A')))
          break;
        ++i;
      }
      field.append(buf_, pos_, i - pos_);
      pos_ = i;
    }
    int c = Get();
    if (c < 0) {
      if (!status_.ok()) return false;
      if (quoted) {
        status_ = Status::DataError(
            fmt::format("{}:{}: quoted field never closed (file truncated?)",
                        name_, record_line_));
        return false;
      }
      fields->push_back(std::move(field));
      break;
    }
    if (quoted) {
      if (c == '"') {
        if (Peek() == '"') {
          ++pos_;
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line_;
        if (c == '\r' && Peek() != '\n') ++line_;
        field += static_cast<char>(c);
      }
    } else if (c == options_.separator) {
      fields->push_back(std::move(field));
      field.clear();
      was_quoted = false;
      if (fields->size() >= options_.max_fields) {
        status_ = Status::LimitExceeded(
            fmt::format("{}:{}: more than {} fields in one record", name_,
                        record_line_, options_.max_fields));
        return false;
      }
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && Peek() == '\n') ++pos_;
      ++line_;
      fields->push_back(std::move(field));
      break;
    } else if (c == '"' && !was_quoted &&
               field.find_first_not_of(' ') == std::string::npos) {
      // Opening quote (after optional spaces, which are dropped).
      field.clear();
      quoted = true;
      was_quoted = true;
    } else if (c == '"' && !options_.lenient_quotes) {
      status_ = Status::DataError(fmt::format(
          "{}:{}: field {}: stray quote", name_, line_, fields->size() + 1));
      return false;
    } else if (c == 0x1A && Peek() < 0) {
      // DOS end-of-file marker right after the last record.
    } else {
      field += static_cast<char>(c);
    }
    if (c == 0) {
      status_ = Status::DataError(
          fmt::format("{}:{}: field {}: NUL byte (a binary or UTF-16 file?)",
                      name_, line_, fields->size() + 1));
      return false;
    }
    if (bytes_consumed() - record_start_ > options_.max_record_bytes) {
      status_ = Status::LimitExceeded(
          fmt::format("{}:{}: record longer than {} bytes", name_, record_line_,
                      options_.max_record_bytes));
      return false;
    }
    if (field.size() > options_.max_field_bytes) {
      status_ = Status::LimitExceeded(fmt::format(
          "{}:{}: field {} longer than {} bytes", name_, record_line_,
          fields->size() + 1, options_.max_field_bytes));
      return false;
    }
  }
  ++records_;
  return true;
}

}  // namespace embargo::internal
