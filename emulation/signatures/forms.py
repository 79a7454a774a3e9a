"""Forms of the trust list: validate only (the certificate itself is read by the service)."""

from __future__ import annotations

from django import forms


class TrustAnchorForm(forms.Form):
    name = forms.CharField(
        label="Tên gọi",
        max_length=200,
        required=False,
        help_text="Ví dụ: “Root CA Ban Cơ yếu Chính phủ”. Bỏ trống thì lấy tên trong chứng thư.",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    certificate = forms.FileField(
        label="Tệp chứng thư gốc (.cer, .crt, .pem, .der)",
        help_text="Chứng thư của tổ chức chứng thực (Root CA), định dạng PEM hoặc DER; kiểm tra theo nội dung tệp.",
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
