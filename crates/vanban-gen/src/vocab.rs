//! Word lists the corpus generator draws from: places, people, agencies, national documents,
//! indicators and narrative sentences. Written for vanban; place names are real Vietnamese
//! names, combined freely (a generated district need not lie in its generated province).

/// Provinces (the name after "tỉnh").
pub const PROVINCES: &[&str] = &[
    "An Giang",
    "Bạc Liêu",
    "Bến Tre",
    "Bình Định",
    "Cà Mau",
    "Đắk Lắk",
    "Đồng Tháp",
    "Hà Giang",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Khánh Hòa",
    "Kiên Giang",
    "Lâm Đồng",
    "Lào Cai",
    "Long An",
    "Nghệ An",
    "Ninh Bình",
    "Phú Thọ",
    "Quảng Nam",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thanh Hóa",
    "Tiền Giang",
    "Trà Vinh",
    "Vĩnh Long",
    "Yên Bái",
];

/// Districts (the name after "huyện").
pub const DISTRICTS: &[&str] = &[
    "An Phú",
    "Châu Thành",
    "Phú Tân",
    "Tri Tôn",
    "Thoại Sơn",
    "Chợ Mới",
    "Tịnh Biên",
    "Long Hồ",
    "Mỏ Cày Nam",
    "Cái Nước",
    "Đầm Dơi",
    "Hòa Bình",
    "Vĩnh Lợi",
    "Gò Quao",
    "Lai Vung",
    "Tháp Mười",
    "Thanh Bình",
    "Hồng Ngự",
    "Cần Giuộc",
    "Bến Lức",
    "Nghĩa Đàn",
    "Quỳnh Lưu",
    "Gia Viễn",
    "Thanh Sơn",
    "Duy Xuyên",
    "Tiên Yên",
    "Hải Lăng",
    "Mỹ Tú",
    "Mộc Châu",
    "Gò Dầu",
    "Kiến Xương",
    "Nông Cống",
    "Cái Bè",
    "Cầu Kè",
    "Trà Ôn",
    "Văn Chấn",
];

/// Communes (the name after "xã").
pub const COMMUNES: &[&str] = &[
    "Mỹ Hòa",
    "Phú Hiệp",
    "Tân Mỹ",
    "An Bình",
    "Vĩnh Thạnh",
    "Long Điền",
    "Hòa Lợi",
    "Tân Phú",
    "Bình Thành",
    "Phước Hưng",
    "Khánh An",
    "Nhơn Hội",
    "Đa Phước",
    "Vĩnh Trường",
    "Phú Lâm",
    "Hiệp Xương",
    "Long Sơn",
    "Tân Hòa",
    "Mỹ Đức",
    "Bình Long",
    "Thạnh Mỹ Tây",
    "Vĩnh Hậu",
    "Quốc Thái",
    "Phú Hữu",
    "Khánh Bình",
    "Lương An Trà",
    "Vọng Đông",
    "Hưng Nhơn",
    "Tân Trung",
    "Mỹ Phước",
    "Thuận Hòa",
    "Định Yên",
    "Ea Kao",
    "Nghĩa Hưng",
    "Yên Thắng",
    "Cẩm Bình",
];

/// Family names.
pub const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm",
];

/// Middle names.
pub const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc", "Hoàng", "Đức", "Thu", "Kim", "Công",
];

/// Given names.
pub const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Lợi", "Mai", "Nam", "Phúc",
    "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vân", "Yến", "Khoa", "Nhân", "Phương",
    "Thắng",
];

/// Offices that carry out tasks, at district or commune level.
pub const AGENCIES: &[&str] = &[
    "Phòng Văn hóa và Thông tin",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Nội vụ",
    "Phòng Giáo dục và Đào tạo",
    "Trung tâm Y tế",
    "Công an",
    "Bộ phận tiếp nhận và trả kết quả",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Bưu điện",
    "Trung tâm Viễn thông",
    "Tổ công nghệ số cộng đồng",
];

/// A national document a local one may cite: its kind, number, date (d, m, y), issuer and
/// subject. These are real documents of the national digital-transformation programme.
pub struct National {
    /// Kind as written ("Quyết định").
    pub kind: &'static str,
    /// Number and symbol.
    pub number: &'static str,
    /// Day, month, year of issue.
    pub date: (u32, u32, u32),
    /// Issuer as written after "của".
    pub issuer: &'static str,
    /// What it is about.
    pub subject: &'static str,
}

/// National documents.
pub const NATIONAL: &[National] = &[
    National {
        kind: "Quyết định",
        number: "749/QĐ-TTg",
        date: (3, 6, 2020),
        issuer: "Thủ tướng Chính phủ",
        subject: "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
    },
    National {
        kind: "Quyết định",
        number: "411/QĐ-TTg",
        date: (31, 3, 2022),
        issuer: "Thủ tướng Chính phủ",
        subject: "phê duyệt Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030",
    },
    National {
        kind: "Quyết định",
        number: "942/QĐ-TTg",
        date: (15, 6, 2021),
        issuer: "Thủ tướng Chính phủ",
        subject: "phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, định hướng đến năm 2030",
    },
    National {
        kind: "Quyết định",
        number: "06/QĐ-TTg",
        date: (6, 1, 2022),
        issuer: "Thủ tướng Chính phủ",
        subject: "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030",
    },
    National {
        kind: "Quyết định",
        number: "505/QĐ-TTg",
        date: (22, 4, 2022),
        issuer: "Thủ tướng Chính phủ",
        subject: "về Ngày Chuyển đổi số quốc gia",
    },
    National {
        kind: "Quyết định",
        number: "45/2016/QĐ-TTg",
        date: (19, 10, 2016),
        issuer: "Thủ tướng Chính phủ",
        subject: "về việc tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích",
    },
    National {
        kind: "Quyết định",
        number: "922/QĐ-BTTTT",
        date: (20, 5, 2022),
        issuer: "Bộ Thông tin và Truyền thông",
        subject: "phê duyệt Đề án Xác định Bộ chỉ số đánh giá chuyển đổi số của các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, các tỉnh, thành phố trực thuộc trung ương và của quốc gia",
    },
    National {
        kind: "Quyết định",
        number: "318/QĐ-TTg",
        date: (8, 3, 2022),
        issuer: "Thủ tướng Chính phủ",
        subject: "ban hành Bộ tiêu chí quốc gia về xã nông thôn mới và Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao giai đoạn 2021 - 2025",
    },
    National {
        kind: "Nghị định",
        number: "42/2022/NĐ-CP",
        date: (24, 6, 2022),
        issuer: "Chính phủ",
        subject: "quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
    },
    National {
        kind: "Nghị định",
        number: "61/2018/NĐ-CP",
        date: (23, 4, 2018),
        issuer: "Chính phủ",
        subject: "về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    },
    National {
        kind: "Nghị định",
        number: "30/2020/NĐ-CP",
        date: (5, 3, 2020),
        issuer: "Chính phủ",
        subject: "về công tác văn thư",
    },
    National {
        kind: "Nghị quyết",
        number: "52-NQ/TW",
        date: (27, 9, 2019),
        issuer: "Bộ Chính trị",
        subject: "về một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
    },
    National {
        kind: "Nghị quyết",
        number: "17/NQ-CP",
        date: (7, 3, 2019),
        issuer: "Chính phủ",
        subject: "về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025",
    },
];

/// A measured indicator: the counted noun (a unit of `rules/units.toml`), the rest of its
/// name, and the range its whole is drawn from.
pub struct Indicator {
    /// The unit noun the count is written with.
    pub unit: &'static str,
    /// The words after the unit.
    pub rest: &'static str,
    /// Smallest and largest whole.
    pub total: (u64, u64),
    /// True when done can never exceed the whole (a share).
    pub share: bool,
}

/// Indicators, grouped by the pillar they belong to (see [`PILLARS`]).
pub const INDICATORS: &[(usize, Indicator)] = &[
    (
        0,
        Indicator {
            unit: "hồ sơ",
            rest: "thủ tục hành chính được tiếp nhận, xử lý trực tuyến",
            total: (400, 60_000),
            share: true,
        },
    ),
    (
        0,
        Indicator {
            unit: "hồ sơ",
            rest: "có thanh toán phí, lệ phí trực tuyến",
            total: (200, 20_000),
            share: true,
        },
    ),
    (
        0,
        Indicator {
            unit: "văn bản",
            rest: "đi được ký số và gửi trên môi trường mạng",
            total: (300, 25_000),
            share: true,
        },
    ),
    (
        0,
        Indicator {
            unit: "thủ tục",
            rest: "hành chính được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình",
            total: (80, 1_900),
            share: true,
        },
    ),
    (
        0,
        Indicator {
            unit: "cán bộ",
            rest: "công chức được cấp chứng thư số cá nhân",
            total: (20, 3_000),
            share: true,
        },
    ),
    (
        0,
        Indicator {
            unit: "hồ sơ",
            rest: "được số hóa kết quả giải quyết thủ tục hành chính",
            total: (300, 40_000),
            share: true,
        },
    ),
    (
        1,
        Indicator {
            unit: "doanh nghiệp",
            rest: "sử dụng hợp đồng điện tử",
            total: (30, 8_000),
            share: true,
        },
    ),
    (
        1,
        Indicator {
            unit: "hộ",
            rest: "kinh doanh có tài khoản thanh toán điện tử",
            total: (100, 12_000),
            share: true,
        },
    ),
    (
        1,
        Indicator {
            unit: "sản phẩm",
            rest: "OCOP được đưa lên sàn thương mại điện tử",
            total: (5, 400),
            share: false,
        },
    ),
    (
        1,
        Indicator {
            unit: "hợp tác xã",
            rest: "ứng dụng công nghệ số trong sản xuất, kinh doanh",
            total: (5, 300),
            share: true,
        },
    ),
    (
        1,
        Indicator {
            unit: "tiểu thương",
            rest: "tại chợ thanh toán không dùng tiền mặt",
            total: (20, 2_000),
            share: true,
        },
    ),
    (
        2,
        Indicator {
            unit: "công dân",
            rest: "đã kích hoạt tài khoản định danh điện tử mức độ 2",
            total: (2_000, 900_000),
            share: true,
        },
    ),
    (
        2,
        Indicator {
            unit: "hộ gia đình",
            rest: "có kết nối Internet cáp quang",
            total: (1_000, 300_000),
            share: true,
        },
    ),
    (
        2,
        Indicator {
            unit: "người",
            rest: "từ 15 tuổi trở lên có tài khoản thanh toán điện tử",
            total: (2_000, 800_000),
            share: true,
        },
    ),
    (
        2,
        Indicator {
            unit: "hộ gia đình",
            rest: "có người sử dụng điện thoại thông minh",
            total: (1_000, 300_000),
            share: true,
        },
    ),
    (
        2,
        Indicator {
            unit: "trường",
            rest: "triển khai học bạ số, sổ điểm điện tử",
            total: (5, 600),
            share: true,
        },
    ),
    (
        2,
        Indicator {
            unit: "cơ sở",
            rest: "khám, chữa bệnh triển khai bệnh án điện tử",
            total: (3, 300),
            share: true,
        },
    ),
    (
        3,
        Indicator {
            unit: "ấp",
            rest: "khóm có tổ công nghệ số cộng đồng hoạt động",
            total: (4, 900),
            share: true,
        },
    ),
    (
        3,
        Indicator {
            unit: "thuê bao",
            rest: "di động sử dụng dịch vụ dữ liệu băng rộng",
            total: (5_000, 1_500_000),
            share: true,
        },
    ),
    (
        3,
        Indicator {
            unit: "camera",
            rest: "giám sát an ninh được kết nối về trung tâm điều hành",
            total: (10, 3_000),
            share: false,
        },
    ),
    (
        4,
        Indicator {
            unit: "cán bộ",
            rest: "công chức được tập huấn kỹ năng số cơ bản",
            total: (20, 5_000),
            share: true,
        },
    ),
    (
        4,
        Indicator {
            unit: "lượt",
            rest: "người dân được hướng dẫn cài đặt, sử dụng ứng dụng VNeID",
            total: (500, 200_000),
            share: false,
        },
    ),
    (
        4,
        Indicator {
            unit: "lớp",
            rest: "bồi dưỡng kiến thức chuyển đổi số được tổ chức",
            total: (2, 120),
            share: false,
        },
    ),
];

/// The pillars a report's results are grouped under.
pub const PILLARS: &[&str] = &[
    "Chính quyền số",
    "Kinh tế số",
    "Xã hội số",
    "Hạ tầng số",
    "Nhân lực số",
];

/// Narrative sentences. `{place}` is the issuer's area ("xã Mỹ Hòa"), `{agency}` an office,
/// `{year}` the reporting year, `{next}` the year after.
pub const NARRATIVE: &[&str] = &[
    "{agency} đã phối hợp với các đơn vị liên quan tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh, trang thông tin điện tử và các nhóm Zalo của {place}.",
    "Công tác cải cách hành chính gắn với chuyển đổi số tiếp tục được quan tâm chỉ đạo; việc tiếp nhận, giải quyết hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính được thực hiện đúng quy định.",
    "Hạ tầng kỹ thuật phục vụ chuyển đổi số từng bước được đầu tư, nâng cấp; mạng cáp quang đã phủ đến trung tâm các ấp, khóm trên địa bàn {place}.",
    "Tuy nhiên, nguồn nhân lực công nghệ thông tin còn thiếu, phần lớn cán bộ phụ trách kiêm nhiệm nhiều việc nên chưa dành nhiều thời gian cho nhiệm vụ chuyển đổi số.",
    "Một bộ phận người dân, nhất là người cao tuổi, còn ngại sử dụng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.",
    "Tổ công nghệ số cộng đồng được kiện toàn ở tất cả các ấp, khóm, hướng dẫn người dân cài đặt ứng dụng VNeID và tạo tài khoản thanh toán điện tử.",
    "{agency} chủ trì, theo dõi, đôn đốc việc thực hiện, định kỳ tổng hợp báo cáo kết quả về Ủy ban nhân dân trước ngày 15 tháng 12 hằng năm.",
    "Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10, {place} tổ chức nhiều hoạt động thiết thực, thu hút đông đảo người dân tham gia.",
    "Việc sử dụng hệ thống quản lý văn bản và điều hành được duy trì thường xuyên; văn bản đi được ký số và gửi nhận trên môi trường mạng.",
    "Các điểm phục vụ bưu chính công ích tiếp tục tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính cho người dân ở vùng sâu, vùng xa.",
    "Nhiều hộ sản xuất nông nghiệp đã đưa sản phẩm lên sàn thương mại điện tử, bước đầu mở rộng thị trường tiêu thụ.",
    "Kinh phí dành cho chuyển đổi số còn hạn chế, chủ yếu lồng ghép từ các chương trình mục tiêu quốc gia.",
    "Trong năm {next}, {place} tiếp tục tập trung hoàn thiện hạ tầng số, nâng cao tỷ lệ hồ sơ trực tuyến và phát triển kinh tế số gắn với sản phẩm chủ lực của địa phương.",
    "Thiết bị tại bộ phận một cửa đã cũ, đường truyền có lúc chậm, ảnh hưởng đến việc tiếp nhận hồ sơ trực tuyến.",
    "{agency} thường xuyên rà soát, cập nhật dữ liệu dân cư, bảo đảm thông tin đúng, đủ, sạch, sống.",
    "Cơ sở dữ liệu chuyên ngành về đất đai, hộ tịch, an sinh xã hội từng bước được số hóa và kết nối, chia sẻ với Cơ sở dữ liệu quốc gia về dân cư.",
    "Các trường học trên địa bàn đã triển khai thu học phí không dùng tiền mặt và sử dụng sổ liên lạc điện tử.",
    "Trạm y tế triển khai khám, chữa bệnh bằng căn cước công dân gắn chip và ứng dụng VNeID thay cho thẻ bảo hiểm y tế giấy.",
    "Công tác bảo đảm an toàn thông tin mạng được quan tâm; không để xảy ra sự cố mất an toàn thông tin trong năm {year}.",
    "Ban Chỉ đạo chuyển đổi số của {place} đã họp định kỳ, đánh giá tiến độ và chỉ đạo tháo gỡ khó khăn, vướng mắc.",
    "Ứng dụng phản ánh hiện trường đã tiếp nhận và xử lý kịp thời các kiến nghị của người dân về trật tự đô thị, môi trường và an ninh trật tự.",
    "Nhận thức của cán bộ, công chức và người dân về chuyển đổi số có chuyển biến tích cực, nhiều mô hình hay được nhân rộng.",
];

/// Subjects a plan or decision is about, completed with the period.
pub const PLAN_SUBJECTS: &[&str] = &[
    "Thực hiện chuyển đổi số",
    "Phát triển chính quyền số và bảo đảm an toàn thông tin mạng",
    "Triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử",
    "Phát triển kinh tế số và xã hội số",
    "Đẩy mạnh thanh toán không dùng tiền mặt",
    "Nâng cao tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến",
];

/// Tasks of a plan, one per line.
pub const TASKS: &[&str] = &[
    "Rà soát, bổ sung quy chế làm việc, quy trình xử lý văn bản trên môi trường mạng.",
    "Duy trì hoạt động của Tổ công nghệ số cộng đồng ở 100% ấp, khóm.",
    "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức và thành viên Tổ công nghệ số cộng đồng.",
    "Đẩy mạnh tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến.",
    "Phối hợp với doanh nghiệp viễn thông phát triển hạ tầng cáp quang, phủ sóng di động 4G đến các khu vực còn lõm sóng.",
    "Hỗ trợ hộ sản xuất, hợp tác xã đưa sản phẩm lên sàn thương mại điện tử.",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định.",
    "Triển khai các giải pháp bảo đảm an toàn thông tin cho hệ thống thông tin của cơ quan.",
    "Bố trí kinh phí thực hiện các nhiệm vụ chuyển đổi số trong dự toán ngân sách hằng năm.",
];
