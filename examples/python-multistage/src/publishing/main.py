from fastapi import FastAPI

app = FastAPI(title="Publishing Module")


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
