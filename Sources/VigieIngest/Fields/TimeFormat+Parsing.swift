extension TimeFormat {
    /// What a time field says: an instant, or a wall-clock time still to be placed in a time zone.
    enum Reading: Equatable {
        case instant(Double)
        case civil(CivilDateTime)
        /// A date with no time of day, as ISO 8601 allows.
        case date(CivilDateTime)
        case zoned(CivilDateTime, offsetSeconds: Int)
    }

    /// Reads a field's bytes; the error message says what was expected.
    func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Reading, FieldProblem> {
        var scanner = ByteScanner(bytes: trimmed(bytes))
        switch kind {
        case .pattern(let tokens):
            var civil = CivilDateTime(year: 0, month: 1, day: 1)
            for token in tokens {
                switch token {
                case .literal(let byte):
                    guard scanner.take(byte) else { return mismatch(bytes) }
                case .number(let field, let minDigits, let maxDigits):
                    guard let (value, digits) = scanner.number(maxDigits: maxDigits), digits >= minDigits else {
                        return mismatch(bytes)
                    }
                    civil.set(field, value, digits: digits)
                }
            }
            guard scanner.atEnd else { return mismatch(bytes) }
            return checked(.civil(civil), civil)
        case .iso8601:
            return readISO8601(&scanner, bytes)
        case .epochSeconds, .epochMilliseconds:
            guard let value = Double(String(decoding: trimmed(bytes), as: UTF8.self)), value.isFinite else {
                return .failure(FieldProblem("'\(String(decoding: bytes, as: UTF8.self))' is not a number of \(kind == .epochSeconds ? "seconds" : "milliseconds") since 1970"))
            }
            return .success(.instant(kind == .epochSeconds ? value : value / 1000))
        }
    }

    private func readISO8601(
        _ scanner: inout ByteScanner, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Result<Reading, FieldProblem> {
        var civil = CivilDateTime(year: 0, month: 1, day: 1)
        guard let (year, yearDigits) = scanner.number(maxDigits: 4), yearDigits == 4, scanner.take(UInt8(ascii: "-")),
            let (month, _) = scanner.number(maxDigits: 2), scanner.take(UInt8(ascii: "-")),
            let (day, _) = scanner.number(maxDigits: 2)
        else { return mismatch(bytes) }
        civil.year = year
        civil.month = month
        civil.day = day
        if scanner.atEnd { return checked(.date(civil), civil) }
        if scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: " ")) {
            guard let (hour, _) = scanner.number(maxDigits: 2), scanner.take(UInt8(ascii: ":")),
                let (minute, _) = scanner.number(maxDigits: 2)
            else { return mismatch(bytes) }
            civil.hour = hour
            civil.minute = minute
            if scanner.take(UInt8(ascii: ":")) {
                guard let (second, _) = scanner.number(maxDigits: 2) else { return mismatch(bytes) }
                civil.second = second
                if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                    guard let (fraction, digits) = scanner.number(maxDigits: 9) else { return mismatch(bytes) }
                    civil.set(.fraction, fraction, digits: digits)
                }
            }
        }
        if scanner.atEnd { return checked(.civil(civil), civil) }
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) {
            guard scanner.atEnd else { return mismatch(bytes) }
            return checked(.zoned(civil, offsetSeconds: 0), civil)
        }
        let sign: Int
        if scanner.take(UInt8(ascii: "+")) {
            sign = 1
        } else if scanner.take(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return mismatch(bytes)
        }
        guard let (hours, hourDigits) = scanner.number(maxDigits: 2), hourDigits == 2 else { return mismatch(bytes) }
        _ = scanner.take(UInt8(ascii: ":"))
        let minutes = scanner.number(maxDigits: 2)?.value ?? 0
        guard scanner.atEnd, hours <= 18, minutes < 60 else { return mismatch(bytes) }
        return checked(.zoned(civil, offsetSeconds: sign * (hours * 3600 + minutes * 60)), civil)
    }

    private func checked(_ reading: Reading, _ civil: CivilDateTime) -> Result<Reading, FieldProblem> {
        if let impossibility = civil.impossibility {
            return .failure(FieldProblem("\(civil.written) is not a real date and time: \(impossibility)"))
        }
        return .success(reading)
    }

    private func mismatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Reading, FieldProblem> {
        let value = String(decoding: bytes, as: UTF8.self)
        return .failure(FieldProblem(value.isEmpty ? "is empty" : "'\(value)' does not match the format '\(text)'"))
    }

    private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}

extension CivilDateTime {
    mutating func set(_ field: TimeFormat.Field, _ value: Int, digits: Int) {
        switch field {
        case .year: year = value
        case .month: month = value
        case .day: day = value
        case .hour: hour = value
        case .minute: minute = value
        case .second: second = value
        case .fraction:
            var nanos = value
            for _ in digits..<9 { nanos *= 10 }
            nanosecond = nanos
        }
    }

    /// The fields as ISO 8601, for messages.
    var written: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}

/// Reads ASCII numbers and literals from a byte buffer.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while digits < maxDigits, index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value = value * 10 + Int(bytes[index] - 48)
            index += 1
            digits += 1
        }
        return digits == 0 ? nil : (value, digits)
    }
}
