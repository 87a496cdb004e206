"""Issue 15 #8: a missing X11 library is named with the package to install, not Qt's generic error."""

from __future__ import annotations

from desktop_app.gui import platform_check


def test_the_missing_libraries_are_named_by_their_debian_packages() -> None:
    absent = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"}
    packages = platform_check.missing_packages(lambda soname: soname not in absent)
    assert packages == ["libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0"]
    text = platform_check.advice(packages)
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0" in text
    assert platform_check.missing_packages(lambda soname: True) == []


def test_only_an_x11_window_is_checked() -> None:
    assert not platform_check.uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert platform_check.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert platform_check.uses_xcb({"DISPLAY": ":0"}, "linux")
    assert not platform_check.uses_xcb({"DISPLAY": ":0"}, "darwin")
    assert not platform_check.uses_xcb(
        {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux"
    )


def test_the_window_is_not_opened_without_the_libraries(monkeypatch, capsys) -> None:
    from desktop_app.gui import app

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(platform_check, "_loadable", lambda soname: soname != "libxcb-cursor.so.0")
    monkeypatch.setattr(
        app, "create_application", lambda: (_ for _ in ()).throw(AssertionError("opened Qt"))
    )
    assert app.run_gui() == 2
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and "sudo apt-get install libxcb-cursor0" in err
