"""Files over HTTP: announce an upload, PUT exactly its bytes, attach it to a record, list it on
the record and in the client's timeline, download it with the same visibility as the record;
sizes, types, expiry of use and deletion."""

import hashlib

MANAGER = "victoria.kuznetsova@switchboard.test"
OTHER_MANAGER = "grigory.popov@switchboard.test"
UPLOAD = """mutation($input: CreateFileUploadInput!) {
  createFileUpload(input: $input) { upload { id uploadUrl expiresAt maxSize } userErrors { field code message } }
}"""
ATTACH = """mutation($input: AttachFileInput!) {
  attachFile(input: $input) { file { id name contentType size sha256 url version subject { __typename id } createdBy { kind } }
                              userErrors { field code message } }
}"""


def new_client(server, token, name):
    made = server.graphql('mutation($n: String!) { createClient(input: {kind: ORGANISATION, name: $n}) { client { id } } }',
                          {"n": name}, token=token)
    return made["data"]["createClient"]["client"]["id"]


def upload(server, token, content: bytes, name="offer.pdf", content_type="application/pdf"):
    made = server.graphql(UPLOAD, {"input": {"name": name, "contentType": content_type, "size": len(content)}}, token=token)
    assert made["data"]["createFileUpload"]["userErrors"] == [], made
    up = made["data"]["createFileUpload"]["upload"]
    put = server.request("PUT", up["uploadUrl"], body=content, headers={"Authorization": f"Bearer {token}",
                                                                        "Content-Type": content_type})
    assert put.status == 204, put
    return up


def test_upload_attach_list_and_download(server):
    token = server.sign_in(MANAGER)
    client = new_client(server, token, "Files Co")
    content = bytes(range(256)) * 40 + "Коммерческое предложение".encode()
    up = upload(server, token, content, name="КП 2026.pdf")
    attached = server.graphql(ATTACH, {"input": {"subject": {"clientId": client}, "uploadId": up["id"]}}, token=token)["data"]["attachFile"]
    assert attached["userErrors"] == []
    file = attached["file"]
    assert file["name"] == "КП 2026.pdf" and file["contentType"] == "application/pdf" and file["size"] == len(content)
    assert file["sha256"] == hashlib.sha256(content).hexdigest() and file["subject"] == {"__typename": "Client", "id": client}
    listed = server.graphql('query($id: ID!) { node(id: $id) { ... on Client { files { totalCount edges { node { id } } } '
                            'timeline(filter: {kinds: [FILE]}) { edges { node { kind action summary record { __typename } } } } } } }',
                            {"id": client}, token=token)["data"]["node"]
    assert listed["files"] == {"totalCount": 1, "edges": [{"node": {"id": file["id"]}}]}
    assert listed["timeline"]["edges"][0]["node"]["record"] == {"__typename": "File"}
    assert "КП 2026.pdf" in listed["timeline"]["edges"][0]["node"]["summary"]

    got = server.request("GET", file["url"], headers={"Authorization": f"Bearer {token}"})
    assert got.status == 200 and got.body == content
    assert got.header("Content-Type") == "application/pdf" and got.header("X-Content-Type-Options") == "nosniff"
    assert got.header("Content-Disposition").startswith("attachment;") and "filename*=UTF-8''%D0%9A%D0%9F" in got.header("Content-Disposition")
    assert got.header("ETag") == f'"{file["sha256"]}"'

    other = server.sign_in(OTHER_MANAGER)
    assert server.request("GET", file["url"], headers={"Authorization": f"Bearer {other}"}).status == 404
    assert server.request("GET", file["url"]).status == 401
    hidden = server.graphql('query($id: ID!) { node(id: $id) { id } }', {"id": file["id"]}, token=other)
    assert hidden["data"]["node"] is None

    again = server.graphql(ATTACH, {"input": {"subject": {"clientId": client}, "uploadId": up["id"]}}, token=token)["data"]["attachFile"]
    assert again["file"] is None and again["userErrors"][0]["code"] == "INVALID_STATE"

    deleted = server.graphql('mutation($id: ID!) { deleteFile(input: {id: $id}) { file { deletedAt version } userErrors { code } } }',
                             {"id": file["id"]}, token=token)["data"]["deleteFile"]
    assert deleted["file"]["deletedAt"] is not None and deleted["file"]["version"] == 2
    assert server.request("GET", file["url"], headers={"Authorization": f"Bearer {token}"}).status == 404
    restored = server.graphql('mutation($id: ID!) { restoreFile(input: {id: $id}) { file { deletedAt } } }', {"id": file["id"]}, token=token)
    assert restored["data"]["restoreFile"]["file"]["deletedAt"] is None


def test_uploads_are_checked(server):
    token = server.sign_in(MANAGER)
    refused = server.graphql(UPLOAD, {"input": {"name": "page.html", "contentType": "text/html", "size": 10}}, token=token)
    assert [e["code"] for e in refused["data"]["createFileUpload"]["userErrors"]] == ["UNSUPPORTED_TYPE"]
    too_big = server.graphql(UPLOAD, {"input": {"name": "big.bin", "contentType": "application/octet-stream", "size": 2_000_000_000}}, token=token)
    assert [e["code"] for e in too_big["data"]["createFileUpload"]["userErrors"]] == ["TOO_LARGE"]
    bad = server.graphql(UPLOAD, {"input": {"name": "../etc/passwd", "contentType": "nonsense", "size": 1}}, token=token)
    assert sorted(e["code"] for e in bad["data"]["createFileUpload"]["userErrors"]) == ["INVALID", "INVALID"]

    made = server.graphql(UPLOAD, {"input": {"name": "a.txt", "contentType": "text/plain", "size": 5}}, token=token)
    up = made["data"]["createFileUpload"]["upload"]
    assert up["maxSize"] >= 1 << 20
    auth = {"Authorization": f"Bearer {token}"}
    assert server.request("PUT", up["uploadUrl"], body=b"1234", headers=auth).status == 400
    other = server.sign_in(OTHER_MANAGER)
    assert server.request("PUT", up["uploadUrl"], body=b"12345", headers={"Authorization": f"Bearer {other}"}).status == 404
    assert server.request("PUT", up["uploadUrl"], body=b"12345").status == 401
    client = new_client(server, token, "Files Early Co")
    early = server.graphql(ATTACH, {"input": {"subject": {"clientId": client}, "uploadId": up["id"]}}, token=token)["data"]["attachFile"]
    assert early["userErrors"][0]["code"] == "INVALID_STATE"
    assert server.request("PUT", up["uploadUrl"], body=b"12345", headers=auth).status == 204
    assert server.request("PUT", up["uploadUrl"], body=b"12345", headers=auth).status == 409
    their_client = new_client(server, other, "Files Their Co")
    foreign = server.graphql(ATTACH, {"input": {"subject": {"clientId": their_client}, "uploadId": up["id"]}}, token=token)
    assert foreign["data"]["attachFile"]["userErrors"][0]["code"] == "NOT_FOUND"
    ok = server.graphql(ATTACH, {"input": {"subject": {"clientId": client}, "uploadId": up["id"], "name": "renamed.txt"}}, token=token)
    assert ok["data"]["attachFile"]["file"]["name"] == "renamed.txt"
    assert server.request("PUT", "/uploads/not-an-id", body=b"x", headers=auth).status == 404


def test_files_on_deals_and_tasks_and_who_removes_them(server):
    token = server.sign_in(MANAGER)
    supervisor = server.sign_in("boris.ivanov@switchboard.test")
    client = new_client(server, token, "Files Deal Co")
    deal = server.graphql('mutation($c: ID!) { createDeal(input: {title: "Files deal", clientId: $c}) { deal { id } } }',
                          {"c": client}, token=token)["data"]["createDeal"]["deal"]["id"]
    up = upload(server, token, b"%PDF-1.4 contract", name="contract.pdf")
    file = server.graphql(ATTACH, {"input": {"subject": {"dealId": deal}, "uploadId": up["id"]}}, token=token)["data"]["attachFile"]["file"]
    on_deal = server.graphql('query($id: ID!) { node(id: $id) { ... on Deal { files { edges { node { name } } } } } }', {"id": deal}, token=token)
    assert on_deal["data"]["node"]["files"]["edges"] == [{"node": {"name": "contract.pdf"}}]
    assert server.request("GET", file["url"], headers={"Authorization": f"Bearer {supervisor}"}).status == 200
    refused = server.graphql('mutation($id: ID!) { deleteFile(input: {id: $id}) { file { id } } }', {"id": file["id"]}, token=supervisor)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
