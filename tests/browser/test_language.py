"""The interface switches to Simplified Chinese and renders it."""

from playwright.sync_api import expect


def test_chinese_interface_renders_after_switching_language(page, log_in, coordinator):
    log_in(coordinator)
    page.get_by_label("Language").select_option("zh-hans")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_contain_text("欢迎")
    page.get_by_text("菜单", exact=True).click()
    expect(page.get_by_role("link", name="企业")).to_be_visible()
    page.get_by_role("link", name="企业").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("企业")
    page.screenshot(path="test-results/chinese-enterprises.png", full_page=True)
