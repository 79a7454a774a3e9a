import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from campaigns.services import INACTIVE_REASON_PREFIX


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Mật khẩu", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: sau 5 lần sai liên tiếp, tài khoản sẽ bị "
        "tạm khóa.",
        "inactive": "Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị.",
        "inactive_unused": "Tài khoản này đã bị tự động khóa vì không đăng nhập %(days)s. Hãy liên hệ quản trị của "
        "Cổng (Văn phòng Sở) để được mở lại.",
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and (locked := self._locked_error()):
                raise locked from None
            raise

    def _locked_error(self) -> ValidationError | None:
        """A locked account (is_active off) whose password was typed right is told it is locked, and why — not
        "wrong password". With a wrong password nothing is revealed about the account. The password is checked
        without upgrading its hash (no write for a locked account); axes has already counted the attempt."""
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not username or not password:
            return None
        user_model = get_user_model()
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}, is_active=False).first()
        if user is None or not check_password(password, user.password):
            return None
        last = user.history.order_by("-history_date", "-history_id").first()
        reason = (last.history_change_reason or "") if last else ""
        if reason.startswith(INACTIVE_REASON_PREFIX):
            found = re.search(r"(\d+) ngày", reason)
            days = f"{found.group(1)} ngày liền" if found else "trong thời gian dài"
            return ValidationError(self.error_messages["inactive_unused"], code="inactive", params={"days": days})
        return ValidationError(self.error_messages["inactive"], code="inactive")
