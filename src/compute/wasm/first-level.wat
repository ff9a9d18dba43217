;; The first-level bound of digitkit's pruned k-NN search (src/neighbors/bounded-search.ts),
;; four queries at a time, two coordinates per SIMD instruction:
;;
;;   out[k * nT + i] = Σ_j (q[k * m0 + j] − head[i * m0 + j])² + (qt[k] − tails[i])²
;;
;; for every training row i < nT and query k < 4. head and q are f32 (four coordinates
;; per instruction), tails, qt and out f64; pointers are byte offsets into the exported
;; memory, m0 is a multiple of 4. The squares are summed in f32 in four lanes, added in
;; f64 at the end: the search's slack covers this rounding (see bounded-search.ts).
(module
  (memory (export "memory") 1)
  (func (export "bounds4")
    (param $head i32) (param $nT i32) (param $m0 i32) (param $q i32)
    (param $tails i32) (param $qt i32) (param $out i32)
    (local $i i32) (local $j i32) (local $row i32) (local $qj i32)
    (local $stride i32) (local $ostride i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $x v128) (local $d v128) (local $t f64) (local $dt f64) (local $o i32)
    (local.set $stride (i32.shl (local.get $m0) (i32.const 2)))
    (local.set $ostride (i32.shl (local.get $nT) (i32.const 3)))
    (local.set $row (local.get $head))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $nT)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (local.set $qj (local.get $q))
        (block $dimsDone
          (loop $dims
            (br_if $dimsDone (i32.ge_u (local.get $j) (local.get $stride)))
            (local.set $x (v128.load (i32.add (local.get $row) (local.get $j))))
            (local.set $d (f32x4.sub (v128.load (local.get $qj)) (local.get $x)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $d (f32x4.sub (v128.load (i32.add (local.get $qj) (local.get $stride))) (local.get $x)))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $d (f32x4.sub (v128.load (i32.add (local.get $qj) (i32.shl (local.get $stride) (i32.const 1)))) (local.get $x)))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $d (f32x4.sub (v128.load (i32.add (local.get $qj) (i32.mul (local.get $stride) (i32.const 3)))) (local.get $x)))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (local.set $qj (i32.add (local.get $qj) (i32.const 16)))
            (br $dims)))
        (local.set $t (f64.load (i32.add (local.get $tails) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $dt (f64.sub (f64.load offset=0 (local.get $qt)) (local.get $t)))
        (f64.store (local.get $o)
          (f64.add (f64.add (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $a0))) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $a0))))
                            (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $a0))) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $a0)))))
                   (f64.mul (local.get $dt) (local.get $dt))))
        (local.set $o (i32.add (local.get $o) (local.get $ostride)))
        (local.set $dt (f64.sub (f64.load offset=8 (local.get $qt)) (local.get $t)))
        (f64.store (local.get $o)
          (f64.add (f64.add (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $a1))) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $a1))))
                            (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $a1))) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $a1)))))
                   (f64.mul (local.get $dt) (local.get $dt))))
        (local.set $o (i32.add (local.get $o) (local.get $ostride)))
        (local.set $dt (f64.sub (f64.load offset=16 (local.get $qt)) (local.get $t)))
        (f64.store (local.get $o)
          (f64.add (f64.add (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $a2))) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $a2))))
                            (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $a2))) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $a2)))))
                   (f64.mul (local.get $dt) (local.get $dt))))
        (local.set $o (i32.add (local.get $o) (local.get $ostride)))
        (local.set $dt (f64.sub (f64.load offset=24 (local.get $qt)) (local.get $t)))
        (f64.store (local.get $o)
          (f64.add (f64.add (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $a3))) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $a3))))
                            (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $a3))) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $a3)))))
                   (f64.mul (local.get $dt) (local.get $dt))))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
