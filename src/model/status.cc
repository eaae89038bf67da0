#include "embargo/status.h"

namespace embargo {
namespace {
std::string_view CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "Invalid argument";
    case StatusCode::kNotFound:
      return "Not found";
    case StatusCode::kIoError:
      return "I/O error";
    case StatusCode::kDataError:
      return "Data error";
    case StatusCode::kUnsupported:
      return "Unsupported";
    case StatusCode::kLimitExceeded:
      return "Limit exceeded";
    case StatusCode::kInternal:
      return "Internal error";
  }
  return "Unknown";
}
}  // namespace

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(CodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += message_;
  return Status(code_, std::move(msg));
}

}  // namespace embargo
