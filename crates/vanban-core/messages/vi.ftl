# Lời của các phát hiện (findings), tiếng Việt. Mỗi thông điệp có bản tiếng Anh cùng tên
# trong en.ftl; tests kiểm tra hai tệp có cùng tên và cùng tham số.

## Nhãn: phép tính mà một phát hiện nói tới.
label-excess = { $label } − 100%
label-footnote = chú thích { $mark }: { $fraction }
label-against = { $text }: { $value } so với { $base }
label-against-plan = { $indicator } năm { $year }: { $text } so với kế hoạch { $plan }
unit-items = đối tượng
cell-at-line = { $value } (dòng { $line })

## Tỷ lệ phần trăm.
percent-mismatch = { $label } = { $computed }%, nhưng văn bản ghi { $stated }%
percent-truncated = { $label } = { $computed }%, văn bản ghi { $stated }%: bị cắt bớt thay vì làm tròn ({ $rounded }%)
over-100-fraction = { $fraction } = { $computed }%; tỷ lệ trên tổng số { $unit } không thể vượt quá 100%
over-100-fraction-stated = { $fraction } = { $computed }%, văn bản ghi { $stated }%; tỷ lệ trên tổng số { $unit } không thể vượt quá 100%
over-100-rate = văn bản nêu tỷ lệ { $stated }%; tỷ lệ của một tổng thể không thể vượt quá 100%

## Đánh giá và mục tiêu.
evaluation-contradicts = được đánh giá là { $said ->
        [met] đạt
       *[not-met] chưa đạt
    }, nhưng kết quả { $value }% { $truth ->
        [meets] đáp ứng
       *[misses] không đáp ứng
    } yêu cầu { $requirement } (dòng { $line })
target-missed = { $indicator }: { $value }% so với mục tiêu { $target } của { $plan } (dòng { $line }); ghép vì { $because }
target-between = từ { $low } đến { $high }
target-compared = { $comparator } { $value }
bound-cited = báo cáo dẫn chiếu kế hoạch ({ $role })
bound-place = kế hoạch của cùng địa bàn ({ $place }) và cùng cấp

## Tổng và số đếm.
sum-part-over = phần { $part }{ $unit } lớn hơn tổng của nó { $total }{ $unit }
sum-mismatch = tổng là { $total }{ $unit }, nhưng các phần cộng lại { $parts } = { $sum } (lệch { $diff })
count-items = nêu { $stated } nội dung, nhưng liệt kê { $listed }
count-summary = phần tổng hợp ghi { $stated } { $subject ->
        [met] tiêu chí đạt
        [not-met] tiêu chí chưa đạt
        [in-progress] tiêu chí đang thực hiện
       *[all] tiêu chí tất cả
    }, nhưng nhóm của nó có { $listed } trong { $of } tiêu chí được đánh giá như vậy
count-summary-of = phần tổng hợp đếm { $of } tiêu chí, nhưng nhóm của nó liệt kê { $listed }
period-years = { $text }: văn bản ghi { $stated } năm, nhưng { $from }–{ $to } là { $years } năm

## Ngày tháng.
weekday-wrong = { $date } được ghi là { $said ->
        [0] chủ nhật
        [1] thứ Hai
        [2] thứ Ba
        [3] thứ Tư
        [4] thứ Năm
        [5] thứ Sáu
       *[6] thứ Bảy
    }, nhưng ngày đó là { $real ->
        [0] chủ nhật
        [1] thứ Hai
        [2] thứ Ba
        [3] thứ Tư
        [4] thứ Năm
        [5] thứ Sáu
       *[6] thứ Bảy
    }
id-year = { $id }: { $year } không phải là một năm
bad-date = { $date } không phải là ngày có thật
deadline-past = { $text }: văn bản ngày { $date } yêu cầu thực hiện trước { $by }, thời hạn đã qua

## Một đại lượng nêu hai lần.
value-mismatch-text = { $indicator } năm { $year }: văn bản ghi { $text }, dòng bảng { $row } ghi { $cells }
value-mismatch-tables = { $indicator }: dòng bảng ghi khác với dòng { $row } của bảng trước ({ $cells })
value-cell-pair = { $year } { $stage ->
        [achieved] thực hiện
        [planned] kế hoạch
       *[forecast] dự kiến
    }: { $value } so với { $other }

## Bảng phát hiện của dòng lệnh.
severity = { $severity ->
        [error] lỗi
        [warning] cảnh báo
       *[info] lưu ý
    }
check-summary = { $findings } phát hiện, { $errors } lỗi, trong { $documents } văn bản
