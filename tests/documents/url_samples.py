from tests.documents.factories import introduction

OBJECT_KWARGS = {
    f"documents:{name}": lambda school: {"pk": introduction(school).pk}
    for name in ("detail", "pdf", "download", "send", "sign", "return", "delete")
}
