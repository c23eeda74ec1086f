//! What can go wrong: starting the server ([`ServeError`]) and answering one request
//! ([`AppError`], shown to the user in Vietnamese with the right status, never a trace).

use std::net::SocketAddr;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use vanban_index::IndexError;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The index could not be opened.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The address is taken or not allowed.
    #[error("cannot listen on {addr}: {source}; is another server using this port?")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The async runtime or the connection loop failed.
    #[error("server error: {0}")]
    Runtime(#[source] std::io::Error),
}

/// Why a request could not be answered; each becomes a page (or, under `/api/`, a JSON object
/// `{"error": …, "status": …}`) with a message for the user.
#[derive(Debug, Clone)]
pub enum AppError {
    /// A parameter is malformed or out of bounds (400).
    BadRequest(String),
    /// Nothing here (404).
    NotFound(String),
    /// Only GET and HEAD are served (405).
    MethodNotAllowed,
    /// The request target is too long (414).
    UriTooLong,
    /// Too much work in flight or it took too long (503).
    Busy,
    /// Something failed inside; details go to the server's log only (500).
    Internal,
}

impl AppError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::UriTooLong => StatusCode::URI_TOO_LONG,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message for the user, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            AppError::BadRequest(m) | AppError::NotFound(m) => m.clone(),
            AppError::MethodNotAllowed => {
                "Ứng dụng chỉ để đọc: chỉ nhận yêu cầu GET.".into()
            }
            AppError::UriTooLong => format!(
                "Địa chỉ yêu cầu quá dài (tối đa {} byte). Hãy rút gọn câu truy vấn.",
                super::MAX_URI_BYTES
            ),
            AppError::Busy => {
                "Máy chủ đang bận hoặc yêu cầu mất quá nhiều thời gian. Vui lòng thử lại sau ít phút hoặc thu hẹp truy vấn.".into()
            }
            AppError::Internal => {
                "Đã xảy ra lỗi nội bộ khi xử lý yêu cầu. Lỗi đã được ghi lại trên máy chủ.".into()
            }
        }
    }

    /// The error as a JSON response (for the API).
    pub fn into_json(self) -> Response {
        let body = serde_json::json!({
            "error": self.message(),
            "status": self.status().as_u16(),
        });
        (self.status(), axum::Json(body)).into_response()
    }
}

impl From<IndexError> for AppError {
    fn from(e: IndexError) -> AppError {
        match e {
            IndexError::Query { query, .. } => AppError::BadRequest(format!(
                "Không hiểu câu truy vấn «{query}». Kiểm tra dấu ngoặc kép (mỗi cụm từ cần đủ hai dấu \"), \
                 các toán tử AND, OR, NOT viết hoa và dấu - đứng liền trước từ cần loại trừ."
            )),
            IndexError::Missing { .. } => {
                AppError::NotFound("Chưa có chỉ mục: hãy chạy `vanban ingest` trước.".into())
            }
            other => {
                eprintln!("vanban serve: {other}");
                AppError::Internal
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let page = super::layout::error_page(status, &self.message());
        let mut resp = (status, page).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
        }
        resp
    }
}
